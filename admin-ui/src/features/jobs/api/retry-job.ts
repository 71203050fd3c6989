import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { jobKeys } from '../types';

/** POST /api/admin/queue/jobs/{id}/retry: a failed or cancelled job back to the queue (409 otherwise). */
export const retryJob = (id: string) => api<{ ok: boolean }>(`/api/admin/queue/jobs/${id}/retry`, { method: 'POST' });

export const useRetryJob = () => {
  const client = useQueryClient();
  return useMutation({ mutationFn: retryJob, onSettled: () => client.invalidateQueries({ queryKey: jobKeys.all }) });
};
