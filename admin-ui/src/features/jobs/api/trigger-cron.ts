import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { jobKeys } from '../types';

/** POST /api/admin/cron/{name}/trigger: runs a recurring task now (202 with the queued job's id). */
export const triggerCron = (name: string) =>
  api<{ ok: boolean; job_id: string }>(`/api/admin/cron/${encodeURIComponent(name)}/trigger`, { method: 'POST' });

export const useTriggerCron = () => {
  const client = useQueryClient();
  return useMutation({ mutationFn: triggerCron, onSettled: () => client.invalidateQueries({ queryKey: jobKeys.all }) });
};
