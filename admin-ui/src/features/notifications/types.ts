export interface Notification {
  id: number;
  type: string;
  title: string;
  message?: string | null;
  /** Free JSON object given by the sender; `link` (a URL) is shown as a link. */
  data?: Record<string, unknown> | null;
  read_at?: string | null;
  created_at: string;
}

export const NOTIFICATION_TYPES = ['info', 'success', 'warning', 'error'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** The server's sort whitelist. */
export type NotificationSort = 'id' | 'type' | 'created_at';

export interface NotificationListParams {
  limit: number;
  offset: number;
  unread: boolean;
  sort: NotificationSort;
  order: 'asc' | 'desc';
}

/** Stream events (WebSocket frames / SSE data), see NotificationEvents.java. */
export type NotificationEvent =
  | { type: 'unread_count'; unread_count: number }
  | { type: 'notification'; id: number; notification: Notification; unread_count: number }
  | { type: 'read'; ids?: number[]; all?: boolean; unread_count: number }
  | { type: 'deleted'; ids: number[]; unread_count: number }
  | { type: 'reset' };

export const notificationKeys = {
  all: ['notifications'] as const,
  latestAll: ['notifications', 'latest'] as const,
  latest: (limit: number) => ['notifications', 'latest', limit] as const,
  lists: ['notifications', 'list'] as const,
  list: (params: NotificationListParams) => ['notifications', 'list', params] as const,
  unreadCount: ['notifications', 'unread-count'] as const,
};

/** Mantine colour per notification type. */
export function typeColor(type: string): string {
  switch (type) {
    case 'success':
      return 'green';
    case 'warning':
      return 'yellow';
    case 'error':
      return 'red';
    case 'info':
      return 'blue';
    default:
      return 'gray';
  }
}
