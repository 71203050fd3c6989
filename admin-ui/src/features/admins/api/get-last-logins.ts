import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { latestLoginByAdmin } from '../lib/last-login';
import { adminKeys } from '../types';

interface LiveSession {
  admin_id: number;
  created_at: string;
}

/**
 * GET /api/admin/sessions?sort=created_at&order=desc&limit=100: the newest live sessions. The admin
 * API keeps no last-login time, so the newest live session's start stands in for it (needs scope
 * admin:sessions; without it the column stays empty).
 */
export const getLastLogins = async (signal?: AbortSignal) => {
  const page = await api<{ sessions: LiveSession[] }>('/api/admin/sessions', {
    query: { sort: 'created_at', order: 'desc', limit: 100 },
    signal,
  });
  return latestLoginByAdmin(page.sessions);
};

export const useLastLogins = (enabled: boolean) =>
  useQuery({ queryKey: adminKeys.lastLogins, queryFn: ({ signal }) => getLastLogins(signal), enabled, retry: false });
