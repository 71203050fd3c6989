import { refreshSession } from '@/lib/api-client';
import { createStreamConnection, type StreamConnection } from '@/lib/stream/connection';
import type { FeedSink } from '@/lib/stream/tab-leader';
import { getUnreadCount } from './get-unread-count';

/**
 * /api/admin/notifications/stream over WebSocket, resuming after `since()` (a notification id). Every
 * message goes to the sink as the event's JSON (what the tab leader relays to the other tabs); while
 * offline the unread count is polled every 30 s and passed on as an `unread_count` event.
 */
export const connectNotificationStream = (sink: FeedSink, since: () => number | null): StreamConnection =>
  createStreamConnection({
    path: '/api/admin/notifications/stream',
    transport: 'ws',
    events: ['notification'],
    cursor: () => {
      const id = since();
      return id === null ? null : String(id);
    },
    onMessage: (message) => sink.message(message.text),
    onStatus: (status) => sink.state(status),
    // Spread wide: every open browser reconnects at once after a restart.
    backoff: { baseMs: 5_000, maxMs: 8_000, factor: 2, jitter: 0.2 },
    poll: {
      everyMs: 30_000,
      run: async () => {
        const { unread } = await getUnreadCount();
        sink.message(JSON.stringify({ type: 'unread_count', unread_count: unread }));
      },
    },
    beforeReconnect: () => refreshSession().catch(() => undefined),
  });
