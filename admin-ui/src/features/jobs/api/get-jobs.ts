import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { jobKeys, type JobPage, type JobStatus } from '../types';

/** GET /api/admin/queue/jobs?status=&limit=&offset= (most recently updated first). */
export const getJobs = (status: JobStatus, limit: number, offset: number) =>
  api<JobPage>('/api/admin/queue/jobs', { query: { status, limit, offset } });

export const useJobs = (status: JobStatus, limit: number, offset: number) =>
  useQuery({
    queryKey: jobKeys.list(status, limit, offset),
    queryFn: () => getJobs(status, limit, offset),
    refetchInterval: 5_000,
    staleTime: 0,
    // Paging keeps the previous page on screen while the next loads; another tab's jobs never stand in.
    placeholderData: (previous, query) => (query?.queryKey[2] === status ? previous : undefined),
  });
