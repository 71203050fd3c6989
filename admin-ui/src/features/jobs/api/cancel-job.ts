import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { jobKeys } from '../types';

/** DELETE /api/admin/queue/jobs/{id}: cancels a job (JobRunr moves it to `deleted`). */
export const cancelJob = (id: string) => api<{ ok: boolean }>(`/api/admin/queue/jobs/${id}`, { method: 'DELETE' });

export const useCancelJob = () => useChangingMutation(cancelJob, jobKeys.all);
