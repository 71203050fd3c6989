import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { jobKeys } from '../types';

/** POST /api/admin/queue/jobs/bulk-retry {"ids"} (≤ 100) → how many were re-queued. */
export const bulkRetryJobs = (ids: string[]) =>
  api<{ ok: boolean; affected: number }>('/api/admin/queue/jobs/bulk-retry', { method: 'POST', body: { ids } });

export const useBulkRetryJobs = () => useChangingMutation(bulkRetryJobs, jobKeys.all);
