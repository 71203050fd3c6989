import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { adminKeys } from '../types';

/** POST /api/admin/admins/bulk-delete {"ids"} (at most 100, never yourself) → {"ok","affected"}. */
export const bulkDeleteAdmins = (ids: number[]) =>
  api<{ ok: boolean; affected: number }>('/api/admin/admins/bulk-delete', { method: 'POST', body: { ids } });

export const useBulkDeleteAdmins = () => useChangingMutation(bulkDeleteAdmins, adminKeys.all);
