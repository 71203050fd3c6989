import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { securityKeys } from '../types';

/** GET /api/admin/roles: the names of every role, built-in and defined (readable with admin:admins). */
export const getRoleNames = () =>
  api<{ roles: { name: string }[] }>('/api/admin/roles').then((body) => body.roles.map((role) => role.name));

export const useRoleNames = () => useQuery({ queryKey: securityKeys.roles, queryFn: getRoleNames, staleTime: 30_000 });
