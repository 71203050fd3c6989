import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { jobKeys, type QueueStats } from '../types';

/** GET /api/admin/queue/stats: job counts by state (plus failed in the last 24 h). */
export const getQueueStats = () => api<{ stats: QueueStats; queued: number }>('/api/admin/queue/stats');

/** Refreshed every 5 s, JobRunr's own polling interval. */
export const useQueueStats = () =>
  useQuery({ queryKey: jobKeys.stats, queryFn: getQueueStats, refetchInterval: 5_000, staleTime: 0 });
