import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { alertKeys, ROLES, type Role } from '../types';

/**
 * GET /api/admin/roles: every role a rule can notify. Reading it needs admin:admins or admin:roles; without
 * them the built-in roles are offered.
 */
export const getRoles = () =>
  api<{ roles: { name: string }[] }>('/api/admin/roles')
    .then((body) => body.roles.map((role) => role.name))
    .catch((): Role[] => ROLES);

export const useRoles = () => useQuery({ queryKey: alertKeys.roles(), queryFn: getRoles, staleTime: 30_000 });
