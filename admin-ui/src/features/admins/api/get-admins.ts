import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { adminKeys, type AdminAccount, type AdminListParams } from '../types';

export interface AdminPage {
  admins: AdminAccount[];
  total: number;
}

/** GET /api/admin/admins?search=&sort=&order=&limit=&offset= */
export const getAdmins = (params: AdminListParams, signal?: AbortSignal) =>
  api<AdminPage>('/api/admin/admins', { query: { ...params }, signal });

export const useAdmins = (params: AdminListParams) =>
  useQuery({
    queryKey: adminKeys.list(params),
    queryFn: ({ signal }) => getAdmins(params, signal),
    // Keep the current rows on screen while the next page / search loads.
    placeholderData: keepPreviousData,
  });
