import type { QueryClient } from '@tanstack/react-query';
import type { LiveState } from '@/lib/live-connection';
import { reconnectWatch } from '@/lib/reconnect-watch';
import { notificationKeys, type Notification, type NotificationEvent } from '../types';

export interface NotificationSync {
  /** One stream message, the tab's own or relayed by the leader tab. */
  message(raw: string): void;
  /** The connection state, the tab's own or the leader's. */
  state(state: LiveState): void;
  /** The newest notification id seen: a (new leader's) connection resumes after it. */
  lastId(): number | null;
  /** Ids the page already shows (e.g. a cached list), so a first connection resumes after them. */
  seed(ids: number[]): void;
}

/**
 * Keeps the query cache in step with the notification stream in one tab. The unread count is set from
 * every event. Lists are refetched when a notification arrives, is read or deleted, on `reset`, when the
 * count changes without an event saying why (a poll while the socket is down, or the count a connection
 * starts with), and after every reconnect: a connection without a cursor is told only the count, not
 * what was created, read or deleted while it was away.
 */
export function createNotificationSync(client: QueryClient,
    onNotification: (notification: Notification) => void): NotificationSync {
  let lastId: number | null = null;
  const setUnread = (unread: number) => client.setQueryData(notificationKeys.unreadCount, { unread });
  const refreshLists = () => {
    client.invalidateQueries({ queryKey: notificationKeys.latestAll });
    client.invalidateQueries({ queryKey: notificationKeys.lists });
  };
  const reloadAll = () => client.invalidateQueries({ queryKey: notificationKeys.all });
  const watch = reconnectWatch<LiveState>('live', reloadAll);

  return {
    message(raw) {
      let event: NotificationEvent;
      try {
        event = JSON.parse(raw);
      } catch {
        return;
      }
      switch (event.type) {
        case 'unread_count': {
          const known = client.getQueryData<{ unread: number }>(notificationKeys.unreadCount);
          setUnread(event.unread_count);
          if (known && known.unread !== event.unread_count) {
            refreshLists();
          }
          break;
        }
        case 'notification':
          lastId = Math.max(lastId ?? 0, event.id);
          setUnread(event.unread_count);
          refreshLists();
          onNotification(event.notification);
          break;
        case 'read':
        case 'deleted':
          setUnread(event.unread_count);
          refreshLists();
          break;
        case 'reset':
          reloadAll();
          break;
      }
    },
    state: watch,
    lastId: () => lastId,
    seed(ids) {
      if (ids.length) {
        lastId = Math.max(lastId ?? 0, ...ids);
      }
    },
  };
}
