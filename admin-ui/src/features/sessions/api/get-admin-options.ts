import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { sessionKeys, type AdminOption } from '../types';

/** GET /api/admin/admins?sort=email&limit=100: the accounts to filter by (needs scope admin:admins). */
export const getAdminOptions = async (signal?: AbortSignal) =>
  (await api<{ admins: AdminOption[] }>('/api/admin/admins', { query: { sort: 'email', order: 'asc', limit: 100 }, signal }))
    .admins;

export const useAdminOptions = (enabled: boolean) =>
  useQuery({
    queryKey: sessionKeys.adminOptions,
    queryFn: ({ signal }) => getAdminOptions(signal),
    enabled,
    staleTime: 60_000,
  });
