export interface Notification {
  id: number;
  type: string;
  title: string;
  message: string;
  data?: unknown;
  read_at?: string | null;
  created_at: string;
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
  latest: (limit: number) => ['notifications', 'latest', limit] as const,
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
