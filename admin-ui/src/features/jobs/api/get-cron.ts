import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { jobKeys, type CronTask } from '../types';

/** GET /api/admin/cron: the recurring maintenance tasks with their next and last runs. */
export const getCron = () => api<{ cron: CronTask[] }>('/api/admin/cron');

export const useCron = () => useQuery({ queryKey: jobKeys.cron, queryFn: getCron, refetchInterval: 5_000 });
