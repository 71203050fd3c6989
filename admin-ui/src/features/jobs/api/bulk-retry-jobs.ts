import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { jobKeys } from '../types';

/** POST /api/admin/queue/jobs/bulk-retry {"ids"} (≤ 100) → how many were re-queued. */
export const bulkRetryJobs = (ids: string[]) =>
  api<{ ok: boolean; affected: number }>('/api/admin/queue/jobs/bulk-retry', { method: 'POST', body: { ids } });

export const useBulkRetryJobs = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: bulkRetryJobs,
    onSettled: () => client.invalidateQueries({ queryKey: jobKeys.all }),
  });
};
