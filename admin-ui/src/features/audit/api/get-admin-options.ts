import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { auditKeys } from '../types';

export interface AdminOption {
  id: number;
  email: string;
  name: string;
}

/** GET /api/admin/admins?limit=100 (scope admin:admins): the accounts the admin filter offers. */
export const getAdminOptions = () =>
  api<{ admins: AdminOption[]; total: number }>('/api/admin/admins', { query: { limit: 100, sort: 'email', order: 'asc' } });

export const useAdminOptions = (enabled: boolean) =>
  useQuery({ queryKey: auditKeys.admins, queryFn: getAdminOptions, enabled, staleTime: 60_000 });
