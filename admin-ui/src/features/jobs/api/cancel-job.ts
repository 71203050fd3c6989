import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { jobKeys } from '../types';

/** DELETE /api/admin/queue/jobs/{id}: cancels a job (JobRunr moves it to `deleted`). */
export const cancelJob = (id: string) => api<{ ok: boolean }>(`/api/admin/queue/jobs/${id}`, { method: 'DELETE' });

export const useCancelJob = () => {
  const client = useQueryClient();
  return useMutation({ mutationFn: cancelJob, onSettled: () => client.invalidateQueries({ queryKey: jobKeys.all }) });
};
