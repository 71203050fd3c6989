import type { SessionInfo } from '@/components/session-cells';
import type { SortOrder } from '@/components/sort-header';

/** A live session as GET /api/admin/sessions returns it (SessionsController.SessionView). */
export interface Session extends SessionInfo {
  admin_id: number;
  email: string;
  name: string;
}

/** Server sort keys (SessionsController.SORTABLE). */
export type SessionSort = 'created_at' | 'last_used_at' | 'expires_at' | 'admin_id';
export type { SortOrder };

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
