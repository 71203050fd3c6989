import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { jobKeys } from '../types';

/** POST /api/admin/cron/{name}/resume: schedules a paused task again. */
export const resumeCron = (name: string) =>
  api<{ ok: boolean }>(`/api/admin/cron/${encodeURIComponent(name)}/resume`, { method: 'POST' });

export const useResumeCron = () => useChangingMutation(resumeCron, jobKeys.all);
