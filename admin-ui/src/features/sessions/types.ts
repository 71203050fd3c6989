/** A live session as GET /api/admin/sessions returns it (SessionsController.SessionView). */
export interface Session {
  id: string;
  admin_id: number;
  email: string;
  name: string;
  user_agent: string;
  ip: string;
  created_at: string;
  last_used_at: string;
  expires_at: string;
  /** The caller's own session (the one this request came from). */
  current: boolean;
}

/** Server sort keys (SessionsController.SORTABLE). */
export type SessionSort = 'created_at' | 'last_used_at' | 'expires_at' | 'admin_id';
export type SortOrder = 'asc' | 'desc';

export interface SessionListParams {
  admin_id?: number;
  sort: SessionSort;
  order: SortOrder;
  limit: number;
  offset: number;
}

export const sessionKeys = {
  all: ['sessions'] as const,
  list: (params: SessionListParams) => ['sessions', 'list', params] as const,
};
