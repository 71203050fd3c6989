import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { roleKeys, type RoleDefinition } from '../types';
import type { RoleInput } from './create-role';

/** PUT /api/admin/roles/{name}: applies at once to open sessions, and closes streams the role no longer allows. */
export const updateRole = ({ name, ...body }: RoleInput) =>
  api<RoleDefinition>(`/api/admin/roles/${encodeURIComponent(name)}`, { method: 'PUT', body });

export const useUpdateRole = () => useChangingMutation(updateRole, roleKeys.all, { inlineErrors: true });
