import { websocketUrl } from '@/lib/api-client';

/** WebSocket /api/admin/notifications/stream, resuming after `since` (a notification id) when given. */
export const openNotificationStream = (since: number | null): WebSocket =>
  new WebSocket(websocketUrl(`/api/admin/notifications/stream${since !== null ? `?since=${since}` : ''}`));
