import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** The few fields the recipient picker needs. */
export interface AdminOption {
  id: number;
  email: string;
  name?: string | null;
  is_active: boolean;
}

/**
 * GET /api/admin/admins?limit=100 (scope admin:admins): recipients for "Send notification". Admins
 * without that scope get a 403, and the form lets them type an admin id instead.
 */
export const getAdmins = () => api<{ admins: AdminOption[]; total: number }>('/api/admin/admins', { query: { limit: 100 } });

export const useAdminOptions = (enabled: boolean) =>
  useQuery({ queryKey: ['notification-recipients'], queryFn: getAdmins, enabled, staleTime: 60_000 });
