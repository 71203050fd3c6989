import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { roleKeys, type ScopeInfo } from '../types';

/** GET /api/admin/roles/scopes: every scope a role can hold, with a label and its area. */
export const getRoleScopes = () => api<{ scopes: ScopeInfo[] }>('/api/admin/roles/scopes');

export const useRoleScopes = () => useQuery({ queryKey: roleKeys.scopes, queryFn: getRoleScopes, staleTime: Infinity });
