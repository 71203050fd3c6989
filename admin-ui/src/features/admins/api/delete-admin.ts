import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { adminKeys } from '../types';

/** DELETE /api/admin/admins/{id}: soft delete, ends the admin's sessions. 400 for yourself. */
export const deleteAdmin = (id: number) => api<{ ok: boolean }>(`/api/admin/admins/${id}`, { method: 'DELETE' });

export const useDeleteAdmin = () => useChangingMutation(deleteAdmin, adminKeys.all);
