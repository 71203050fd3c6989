import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { roleKeys, type RoleDefinition } from '../types';

/** GET /api/admin/roles: the built-in roles first, then the defined ones by name. */
export const getRoles = () => api<{ roles: RoleDefinition[] }>('/api/admin/roles');

export const useRoles = () => useQuery({ queryKey: roleKeys.all, queryFn: getRoles });
