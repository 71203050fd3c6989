import { useQueryClient } from '@tanstack/react-query';
import { notifications as toasts } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { createLiveConnection, type LiveState } from '@/lib/live-connection';
import { refreshSession } from '@/lib/api-client';
import { getUnreadCount } from '../api/get-unread-count';
import { openNotificationStream } from '../api/notification-stream';
import { notificationKeys, typeColor, type NotificationEvent } from '../types';

/**
 * Keeps the unread count (and the open popover list) in sync with the server: live over WebSocket,
 * polling the unread count every 30 s while the socket is down; reconnects with backoff and jitter,
 * and at once when the tab becomes visible again. Returns the connection state for the indicator.
 */
export function useNotificationStream(): LiveState {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');

  useEffect(() => {
    let lastId: number | null = null;
    const setUnread = (unread: number) => client.setQueryData(notificationKeys.unreadCount, { unread });
    const refreshList = () => client.invalidateQueries({ queryKey: ['notifications', 'latest'] });

    const connection = createLiveConnection({
      open: () => openNotificationStream(lastId),
      onStateChange: setState,
      poll: async () => {
        setUnread((await getUnreadCount()).unread);
      },
      onClose: (code) => {
        // 1008: the access cookie expired or the session was revoked; a refresh decides which.
        if (code === 1008) {
          refreshSession().catch(() => undefined);
        }
      },
      onMessage: (raw) => {
        let event: NotificationEvent;
        try {
          event = JSON.parse(raw);
        } catch {
          return;
        }
        switch (event.type) {
          case 'unread_count':
            setUnread(event.unread_count);
            break;
          case 'notification':
            lastId = Math.max(lastId ?? 0, event.id);
            setUnread(event.unread_count);
            refreshList();
            toasts.show({
              title: event.notification.title,
              message: event.notification.message || undefined,
              color: typeColor(event.notification.type),
            });
            break;
          case 'read':
          case 'deleted':
            setUnread(event.unread_count);
            refreshList();
            break;
          case 'reset':
            client.invalidateQueries({ queryKey: notificationKeys.all });
            break;
        }
      },
    });

    // Anything created while disconnected is replayed from the newest id we know of.
    const seed = client.getQueryData<{ notifications: { id: number }[] }>(notificationKeys.latest(10));
    if (seed?.notifications.length) {
      lastId = Math.max(...seed.notifications.map((n) => n.id));
    }
    connection.start();
    const onVisible = () => {
      if (document.visibilityState === 'visible') {
        connection.reconnectNow();
      }
    };
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('online', onVisible);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('online', onVisible);
      connection.stop();
    };
  }, [client]);

  return state;
}
