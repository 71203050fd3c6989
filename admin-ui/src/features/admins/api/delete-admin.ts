import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { adminKeys } from '../types';

/** DELETE /api/admin/admins/{id}: soft delete, ends the admin's sessions. 400 for yourself. */
export const deleteAdmin = (id: number) => api<{ ok: boolean }>(`/api/admin/admins/${id}`, { method: 'DELETE' });

export const useDeleteAdmin = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: deleteAdmin,
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.all }),
  });
};
