import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { jobKeys } from '../types';

/** POST /api/admin/queue/jobs/{id}/retry: a failed or cancelled job back to the queue (409 otherwise). */
export const retryJob = (id: string) => api<{ ok: boolean }>(`/api/admin/queue/jobs/${id}/retry`, { method: 'POST' });

export const useRetryJob = () => useChangingMutation(retryJob, jobKeys.all);
