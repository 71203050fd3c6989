import { useQueryClient } from '@tanstack/react-query';
import { notifications as toasts } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { refreshSession } from '@/lib/api-client';
import { createLiveConnection, type LiveState } from '@/lib/live-connection';
import { browserChannel, browserLocks, createTabLeaderFeed } from '@/lib/tab-leader';
import { getUnreadCount } from '../api/get-unread-count';
import { openNotificationStream } from '../api/notification-stream';
import { createNotificationSync } from '../lib/notification-sync';
import { notificationKeys, typeColor } from '../types';

/** Shared by every tab of the browser profile: the Web Lock of the tab that holds the one connection. */
const LEADER_LOCK = 'vigil-notifications-leader';
const CHANNEL_NAME = 'vigil-notifications';

/**
 * Keeps the unread count, the popover list and the notifications page in sync with the server.
 *
 * One tab of the browser (the leader, elected with a Web Lock) holds the WebSocket and relays every
 * event and its connection state over a BroadcastChannel to the other tabs, which open no socket;
 * when the leader tab closes, another tab takes over and connects. Without Web Locks or
 * BroadcastChannel every tab connects on its own. The leader's connection is live over WebSocket,
 * polls the unread count every 30 s while the socket is down (the polled count is relayed too),
 * reconnects with backoff and jitter, and at once when any tab becomes visible or comes online.
 *
 * Every tab applies the events (its own or relayed) to its own query cache, see createNotificationSync:
 * after a reconnect, a reset or an unexplained count change its lists are refetched, so an open page
 * converges to the server's state even when the connection had no cursor to resume from.
 *
 * Toasts: a new notification is shown as a toast in every tab that is visible at that moment (each
 * tab gets the event, relayed or its own); hidden tabs only update their badge.
 *
 * Returns the connection state for the indicator (in followers: the leader's).
 */
export function useNotificationStream(): LiveState {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');

  useEffect(() => {
    const sync = createNotificationSync(client, (notification) => {
      if (typeof document === 'undefined' || document.visibilityState === 'visible') {
        toasts.show({
          title: notification.title,
          message: notification.message || undefined,
          color: typeColor(notification.type),
        });
      }
    });

    const feed = createTabLeaderFeed({
      lockName: LEADER_LOCK,
      locks: browserLocks(),
      openChannel: browserChannel(CHANNEL_NAME),
      onMessage: sync.message,
      onStateChange: (next) => {
        sync.state(next);
        setState(next);
      },
      // A tab that starts is told the count at once (it also fetches it itself).
      snapshot: () => {
        const count = client.getQueryData<{ unread: number }>(notificationKeys.unreadCount);
        return count ? JSON.stringify({ type: 'unread_count', unread_count: count.unread }) : null;
      },
      // Only in the leader (or in every tab without Web Locks / BroadcastChannel).
      connect: (sink) =>
        createLiveConnection({
          // Resumes after the newest notification this tab has seen, so a new leader replays what
          // was created while nobody was connected.
          open: () => openNotificationStream(sync.lastId()),
          onMessage: sink.message,
          onStateChange: sink.state,
          poll: async () => {
            const { unread } = await getUnreadCount();
            sink.message(JSON.stringify({ type: 'unread_count', unread_count: unread }));
          },
          onClose: (code) => {
            // 1008: the access cookie expired or the session was revoked; a refresh decides which.
            if (code === 1008) {
              refreshSession().catch(() => undefined);
            }
          },
        }),
    });

    // Anything created while disconnected is replayed from the newest id we know of.
    const seed = client.getQueryData<{ notifications: { id: number }[] }>(notificationKeys.latest(10));
    sync.seed(seed?.notifications.map((n) => n.id) ?? []);
    feed.start();
    const onVisible = () => {
      if (document.visibilityState === 'visible') {
        feed.reconnectNow();
      }
    };
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('online', onVisible);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('online', onVisible);
      feed.stop();
    };
  }, [client]);

  return state;
}
