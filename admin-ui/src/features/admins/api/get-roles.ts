import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { adminKeys, type RoleChoice } from '../types';

/** GET /api/admin/roles: every role an admin can be given (readable with admin:admins). */
export const getRoleChoices = () => api<{ roles: RoleChoice[] }>('/api/admin/roles');

export const useRoleChoices = () => useQuery({ queryKey: adminKeys.roles, queryFn: getRoleChoices, staleTime: 30_000 });
