import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { roleKeys } from '../types';

/** DELETE /api/admin/roles/{name}: 409 for a built-in role or one that admins still have. */
export const deleteRole = (name: string) =>
  api<{ ok: boolean }>(`/api/admin/roles/${encodeURIComponent(name)}`, { method: 'DELETE' });

export const useDeleteRole = () => useChangingMutation(deleteRole, roleKeys.all);
