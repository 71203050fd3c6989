import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { sessionKeys, type Session, type SessionListParams } from '../types';

export interface SessionPage {
  sessions: Session[];
  total: number;
}

/** GET /api/admin/sessions?admin_id=&sort=&order=&limit=&offset= (live sessions only). */
export const getSessions = (params: SessionListParams, signal?: AbortSignal) =>
  api<SessionPage>('/api/admin/sessions', { query: { ...params }, signal });

export const useSessions = (params: SessionListParams) =>
  useQuery({
    queryKey: sessionKeys.list(params),
    queryFn: ({ signal }) => getSessions(params, signal),
    placeholderData: keepPreviousData,
    // "Last seen" moves as admins work; a minute is fresh enough.
    refetchInterval: 60_000,
  });
