import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { jobKeys } from '../types';

/** POST /api/admin/queue/jobs/bulk-delete {"ids"} (≤ 100) → how many were cancelled. */
export const bulkCancelJobs = (ids: string[]) =>
  api<{ ok: boolean; affected: number }>('/api/admin/queue/jobs/bulk-delete', { method: 'POST', body: { ids } });

export const useBulkCancelJobs = () => useChangingMutation(bulkCancelJobs, jobKeys.all);
