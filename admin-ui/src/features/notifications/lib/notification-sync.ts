import type { QueryClient } from '@tanstack/react-query';
import { reconnectWatch } from '@/lib/stream/reconnect-watch';
import type { StreamStatus } from '@/lib/stream/status';
import type { NotificationPage } from '../api/get-notifications';
import { notificationKeys, type Notification, type NotificationEvent } from '../types';
import { applyChange, viewOf, type NotificationChange } from './notification-cache';

export interface NotificationSync {
  /** One stream message (an event as JSON), the tab's own or relayed by the leader tab. */
  message(raw: string): void;
  /** The stream's status, the tab's own or the leader's. */
  status(status: StreamStatus): void;
  /** The newest notification id seen: a (new leader's) connection resumes after it. */
  lastId(): number | null;
  /** Ids the page already shows (e.g. a cached list), so a first connection resumes after them. */
  seed(ids: number[]): void;
}

/**
 * Keeps the query cache in step with the notification stream in one tab. Every event sets the unread
 * count; a notification created, read or deleted is applied to the cached pages in place (see
 * applyChange), and a page whose window may have moved, or that is being fetched (its answer may
 * predate the event), is refetched. Everything is refetched on `reset` and after every reconnect (a
 * connection without a cursor is told only the count, not what changed while it was away); the lists
 * are refetched when the count changes without an event saying why (a poll while offline).
 */
export function createNotificationSync(
  client: QueryClient,
  onNotification: (notification: Notification) => void,
): NotificationSync {
  let lastId: number | null = null;
  const setUnread = (unread: number) => client.setQueryData(notificationKeys.unreadCount, { unread });
  const refreshLists = () => {
    client.invalidateQueries({ queryKey: notificationKeys.latestAll });
    client.invalidateQueries({ queryKey: notificationKeys.lists });
  };
  const reloadAll = () => client.invalidateQueries({ queryKey: notificationKeys.all });
  const apply = (event: NotificationChange) => {
    setUnread(event.unread_count);
    const now = new Date().toISOString();
    for (const [key, page] of client.getQueriesData<NotificationPage>({ queryKey: notificationKeys.all })) {
      const view = viewOf(key);
      if (!view || !page?.notifications) {
        continue;
      }
      const fetching = client.getQueryState(key)?.fetchStatus === 'fetching';
      const applied = applyChange(page, view, event, now);
      client.setQueryData(key, applied.page);
      if (applied.refetch || fetching) {
        // A fetch in flight is replaced (even for a page nobody shows now): its answer may predate the event.
        client.invalidateQueries({ queryKey: key, exact: true, refetchType: fetching ? 'all' : 'active' });
      }
    }
  };

  return {
    message(raw) {
      let event: NotificationEvent;
      try {
        event = JSON.parse(raw);
      } catch {
        return;
      }
      switch (event?.type) {
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
          apply(event);
          onNotification(event.notification);
          break;
        case 'read':
        case 'deleted':
          apply(event);
          break;
        case 'reset':
          reloadAll();
          break;
      }
    },
    status: reconnectWatch(reloadAll),
    lastId: () => lastId,
    seed(ids) {
      if (ids.length) {
        lastId = Math.max(lastId ?? 0, ...ids);
      }
    },
  };
}
