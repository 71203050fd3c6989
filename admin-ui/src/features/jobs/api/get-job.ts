import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { jobKeys, type JobDetail } from '../types';

/** GET /api/admin/queue/jobs/{id}: one job with its last failure, stack trace included. */
export const getJob = (id: string) => api<JobDetail>(`/api/admin/queue/jobs/${id}`);

export const useJob = (id: string, enabled: boolean) =>
  useQuery({ queryKey: jobKeys.detail(id), queryFn: () => getJob(id), enabled });
