import { QueryClient } from '@tanstack/react-query';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { notificationKeys, type NotificationListParams } from '../types';
import { createNotificationSync } from './notification-sync';

const PARAMS: NotificationListParams = { limit: 25, offset: 0, unread: false, sort: 'id', order: 'desc' };
const LIST = notificationKeys.list(PARAMS);

describe('createNotificationSync', () => {
  let client: QueryClient;
  const stale = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated ?? false;

  beforeEach(() => {
    client = new QueryClient();
    // What the Notifications page fetched when it opened: no rows, no unread.
    client.setQueryData(LIST, { notifications: [], total: 0, unread: 0 });
    client.setQueryData(notificationKeys.unreadCount, { unread: 0 });
  });

  it('refetches the lists after a reconnect, though the new connection only tells the count', () => {
    const sync = createNotificationSync(client, vi.fn());
    sync.state('connecting');
    sync.state('live');
    expect(stale(LIST)).toBe(false);
    sync.state('polling');
    sync.state('live');
    expect(stale(LIST)).toBe(true);
    expect(stale(notificationKeys.unreadCount)).toBe(true);
  });

  it('refetches the lists when the count changes without an event saying why (a poll, a fresh connection)', () => {
    const sync = createNotificationSync(client, vi.fn());
    sync.message(JSON.stringify({ type: 'unread_count', unread_count: 0 }));
    expect(stale(LIST)).toBe(false);
    sync.message(JSON.stringify({ type: 'unread_count', unread_count: 4 }));
    expect(client.getQueryData(notificationKeys.unreadCount)).toEqual({ unread: 4 });
    expect(stale(LIST)).toBe(true);
  });

  it('refetches everything on reset', () => {
    const sync = createNotificationSync(client, vi.fn());
    sync.message(JSON.stringify({ type: 'reset' }));
    expect(stale(LIST)).toBe(true);
    expect(stale(notificationKeys.unreadCount)).toBe(true);
  });

  it('applies a notification: count, lists, toast, and the cursor a connection resumes after', () => {
    const onNotification = vi.fn();
    const sync = createNotificationSync(client, onNotification);
    sync.seed([3, 7]);
    expect(sync.lastId()).toBe(7);
    const notification = { id: 9, type: 'info', title: 'Disk', created_at: '2026-12-01T00:00:00Z' };
    sync.message(JSON.stringify({ type: 'notification', id: 9, notification, unread_count: 1 }));
    expect(sync.lastId()).toBe(9);
    expect(client.getQueryData(notificationKeys.unreadCount)).toEqual({ unread: 1 });
    expect(stale(LIST)).toBe(true);
    expect(onNotification).toHaveBeenCalledWith(notification);
  });

  it('ignores what is not JSON', () => {
    const sync = createNotificationSync(client, vi.fn());
    sync.message('not json');
    expect(stale(LIST)).toBe(false);
  });
});
