// The admin accounts that pickers and filters offer (audit, sessions, notifications): one query, one cache.

import { useQuery } from '@tanstack/react-query';
import { api } from './api-client';

/** The few fields of an admin account a picker needs (AdminsController.AdminView has more). */
export interface AdminOption {
  id: number;
  email: string;
  name: string;
  is_active: boolean;
}

/** Below the admins feature's `['admins']` key: creating, editing or deleting an admin refreshes every picker. */
export const adminOptionsKey = ['admins', 'options'] as const;

/** GET /api/admin/admins, by email, the first 100 (scope admin:admins; 403 without it). */
export const getAdminOptions = async (signal?: AbortSignal) =>
  (
    await api<{ admins: AdminOption[] }>('/api/admin/admins', {
      query: { sort: 'email', order: 'asc', limit: 100 },
      signal,
    })
  ).admins;

export const useAdminOptions = (enabled: boolean) =>
  useQuery({ queryKey: adminOptionsKey, queryFn: ({ signal }) => getAdminOptions(signal), enabled, staleTime: 60_000 });

/** "Ada Admin (ada@example.com)", or the email alone when there is no other name. */
export const adminLabel = (admin: Pick<AdminOption, 'email' | 'name'>) =>
  admin.name && admin.name !== admin.email ? `${admin.name} (${admin.email})` : admin.email;
