import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { profileKeys, type OwnSession } from '../types';

/** GET /api/admin/profile/sessions: the caller's live sessions, newest first (at most 100). */
export const getOwnSessions = (signal?: AbortSignal) =>
  api<{ sessions: OwnSession[]; total: number }>('/api/admin/profile/sessions', { signal });

export const useOwnSessions = () =>
  useQuery({
    queryKey: profileKeys.sessions,
    queryFn: ({ signal }) => getOwnSessions(signal),
    refetchInterval: 60_000,
  });
