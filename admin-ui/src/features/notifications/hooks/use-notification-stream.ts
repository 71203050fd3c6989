import { useQueryClient } from '@tanstack/react-query';
import { notifications as toasts } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { StreamStatus } from '@/lib/stream/status';
import { createDesktopNotifier } from '@/lib/desktop-notifications';
import { browserChannel, browserLocks, createTabLeaderFeed } from '@/lib/stream/tab-leader';
import { wakeOnVisible } from '@/lib/stream/wake';
import { connectNotificationStream } from '../api/notification-stream';
import { createNotificationSync } from '../lib/notification-sync';
import { notificationKeys, typeColor } from '../types';

/** Shared by every tab of the browser profile: the Web Lock of the tab that holds the one connection. */
const LEADER_LOCK = 'vigil-notifications-leader';
const CHANNEL_NAME = 'vigil-notifications';

/**
 * Keeps the unread count, the popover list and the notifications page in sync with the server.
 *
 * One tab of the browser (the leader, elected with a Web Lock) holds the stream (see
 * connectNotificationStream) and relays every event and its status over a BroadcastChannel to the other
 * tabs, which open no socket; when the leader tab closes, another tab takes over and connects. Without
 * Web Locks or BroadcastChannel every tab connects on its own. Any tab that becomes visible or comes
 * online makes the leader reconnect at once.
 *
 * Every tab applies the events (its own or relayed) to its own query cache, see createNotificationSync:
 * in place for what an event says, refetched after a reconnect, a reset or an unexplained count change,
 * so an open page converges to the server's state even when the connection had no cursor to resume from.
 *
 * Toasts: a new notification is shown as a toast in every tab that is visible at that moment (each
 * tab gets the event, relayed or its own); hidden tabs only update their badge. With desktop
 * notifications on (Profile > Channels), the tab holding the connection shows one while hidden.
 *
 * Returns the stream's status for the indicator (in followers: the leader's).
 */
export function useNotificationStream(): StreamStatus {
  const client = useQueryClient();
  const [state, setState] = useState<StreamStatus>('connecting');

  useEffect(() => {
    // Assigned below; the sync only calls back once the feed has started.
    let feed: ReturnType<typeof createTabLeaderFeed> | null = null;
    const desktop = createDesktopNotifier({
      role: () => feed?.role() ?? 'stopped',
      onClick: () => window.focus(),
    });
    const sync = createNotificationSync(client, (notification) => {
      // While the tab is hidden: a desktop notification if opted in, from the tab holding the stream.
      desktop.notify(notification);
      if (typeof document === 'undefined' || document.visibilityState === 'visible') {
        toasts.show({
          title: notification.title,
          message: notification.message || undefined,
          color: typeColor(notification.type),
        });
      }
    });

    feed = createTabLeaderFeed({
      lockName: LEADER_LOCK,
      locks: browserLocks(),
      openChannel: browserChannel(CHANNEL_NAME),
      onMessage: sync.message,
      onStateChange: (next) => {
        sync.status(next);
        setState(next);
      },
      // A tab that starts is told the count at once (it also fetches it itself).
      snapshot: () => {
        const count = client.getQueryData<{ unread: number }>(notificationKeys.unreadCount);
        return count ? JSON.stringify({ type: 'unread_count', unread_count: count.unread }) : null;
      },
      // Resumes after the newest notification this tab has seen, so a new leader replays what was
      // created while nobody was connected. Only in the leader (or in every tab without sharing).
      connect: (sink) => connectNotificationStream(sink, sync.lastId),
    });

    // Anything created while disconnected is replayed from the newest id we know of.
    const seed = client.getQueryData<{ notifications: { id: number }[] }>(notificationKeys.latest(10));
    sync.seed(seed?.notifications.map((n) => n.id) ?? []);
    const started = feed;
    started.start();
    const unwake = wakeOnVisible(started);
    return () => {
      unwake();
      started.stop();
    };
  }, [client]);

  return state;
}
