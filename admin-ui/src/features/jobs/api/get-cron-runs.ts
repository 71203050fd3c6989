import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { jobKeys, type TaskRun } from '../types';

/** GET /api/admin/cron/{name}/runs: the task's last runs, newest first. */
export const getCronRuns = (name: string) =>
  api<{ runs: TaskRun[] }>(`/api/admin/cron/${encodeURIComponent(name)}/runs?limit=20`);

export const useCronRuns = (name: string) =>
  useQuery({ queryKey: jobKeys.cronRuns(name), queryFn: () => getCronRuns(name), refetchInterval: 5_000 });
