import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { adminKeys, type AdminAccount, type Role } from '../types';

/** Fields left out stay unchanged (AdminService.update merges). */
export interface UpdateAdminInput {
  name?: string;
  role?: Role;
  is_active?: boolean;
  password?: string;
}

/** PUT /api/admin/admins/{id} → {"admin"}. Deactivation, a new password or a new role end the admin's sessions. */
export const updateAdmin = ({ id, ...body }: UpdateAdminInput & { id: number }) =>
  api<{ admin: AdminAccount }>(`/api/admin/admins/${id}`, { method: 'PUT', body });

/** For the edit form, which shows errors on its fields. */
export const useUpdateAdmin = () => useChangingMutation(updateAdmin, adminKeys.all, { inlineErrors: true });

/** For one-click changes (activate / deactivate): failures become a toast. */
export const useToggleAdminActive = () =>
  useChangingMutation(
    ({ id, active }: { id: number; active: boolean }) => updateAdmin({ id, is_active: active }),
    adminKeys.all,
  );
