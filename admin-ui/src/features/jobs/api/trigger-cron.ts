import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { jobKeys } from '../types';

/** POST /api/admin/cron/{name}/trigger: runs a recurring task now (202 with the queued job's id). */
export const triggerCron = (name: string) =>
  api<{ ok: boolean; job_id: string }>(`/api/admin/cron/${encodeURIComponent(name)}/trigger`, { method: 'POST' });

export const useTriggerCron = () => useChangingMutation(triggerCron, jobKeys.all);
