import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { adminKeys } from '../types';

/** POST /api/admin/admins/bulk-delete {"ids"} (at most 100, never yourself) → {"ok","affected"}. */
export const bulkDeleteAdmins = (ids: number[]) =>
  api<{ ok: boolean; affected: number }>('/api/admin/admins/bulk-delete', { method: 'POST', body: { ids } });

export const useBulkDeleteAdmins = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: bulkDeleteAdmins,
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.all }),
  });
};
