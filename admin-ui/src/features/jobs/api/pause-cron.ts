import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { jobKeys } from '../types';

/** POST /api/admin/cron/{name}/pause: stops scheduling the task until resumed (kept across restarts). */
export const pauseCron = (name: string) =>
  api<{ ok: boolean }>(`/api/admin/cron/${encodeURIComponent(name)}/pause`, { method: 'POST' });

export const usePauseCron = () => useChangingMutation(pauseCron, jobKeys.all);
