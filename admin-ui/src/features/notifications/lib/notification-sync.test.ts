import { QueryClient } from '@tanstack/react-query';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { NotificationPage } from '../api/get-notifications';
import { notificationKeys, type Notification, type NotificationListParams } from '../types';
import { createNotificationSync } from './notification-sync';

const PARAMS: NotificationListParams = { limit: 25, offset: 0, unread: false, sort: 'id', order: 'desc' };
const LIST = notificationKeys.list(PARAMS);
const LATEST = notificationKeys.latest(10);
const note = (id: number): Notification => ({ id, type: 'info', title: `n${id}`, created_at: '2026-12-01T00:00:00Z' });
const event = (value: unknown) => JSON.stringify(value);

describe('createNotificationSync', () => {
  let client: QueryClient;
  const stale = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated ?? false;
  const rows = (key: readonly unknown[]) => client.getQueryData<NotificationPage>(key)?.notifications.map((n) => n.id);

  beforeEach(() => {
    client = new QueryClient();
    // What the Notifications page and the bell fetched when they opened.
    client.setQueryData(LIST, { notifications: [note(1)], total: 1, unread: 1 });
    client.setQueryData(LATEST, { notifications: [note(1)], total: 1, unread: 1 });
    client.setQueryData(notificationKeys.unreadCount, { unread: 1 });
  });

  it('applies a notification to the cached pages in place: count, rows, toast, cursor; nothing refetched', () => {
    const onNotification = vi.fn();
    const sync = createNotificationSync(client, onNotification);
    sync.seed([1]);
    sync.message(event({ type: 'notification', id: 9, notification: note(9), unread_count: 2 }));
    expect(sync.lastId()).toBe(9);
    expect(client.getQueryData(notificationKeys.unreadCount)).toEqual({ unread: 2 });
    expect(rows(LIST)).toEqual([9, 1]);
    expect(rows(LATEST)).toEqual([9, 1]);
    expect(client.getQueryData<NotificationPage>(LIST)).toMatchObject({ total: 2, unread: 2 });
    expect(stale(LIST) || stale(LATEST)).toBe(false);
    expect(onNotification).toHaveBeenCalledWith(note(9));
  });

  it('applies reads and deletes in place', () => {
    const sync = createNotificationSync(client, vi.fn());
    sync.message(event({ type: 'read', ids: [1], unread_count: 0 }));
    expect(client.getQueryData<NotificationPage>(LIST)?.notifications[0].read_at).toBeTruthy();
    expect(client.getQueryData(notificationKeys.unreadCount)).toEqual({ unread: 0 });
    sync.message(event({ type: 'deleted', ids: [1], unread_count: 0 }));
    expect(rows(LIST)).toEqual([]);
    expect(stale(LIST)).toBe(false);
  });

  it('refetches a page that was being fetched when the event came: its answer may predate the event', async () => {
    const sync = createNotificationSync(client, vi.fn());
    const answers: ((page: NotificationPage) => void)[] = [];
    const queryFn = vi.fn(() => new Promise<NotificationPage>((resolve) => answers.push(resolve)));
    client.fetchQuery({ queryKey: LIST, queryFn, staleTime: 0 }).catch(() => undefined);
    expect(queryFn).toHaveBeenCalledTimes(1);
    sync.message(event({ type: 'notification', id: 9, notification: note(9), unread_count: 2 }));
    expect(queryFn).toHaveBeenCalledTimes(2);
    answers[0]({ notifications: [note(1)], total: 1, unread: 1 });
    answers[1]({ notifications: [note(9), note(1)], total: 2, unread: 2 });
    await vi.waitFor(() => expect(rows(LIST)).toEqual([9, 1]));
  });

  it('refetches everything after a reconnect, though the new connection only tells the count', () => {
    const sync = createNotificationSync(client, vi.fn());
    sync.status('connecting');
    sync.status('live');
    expect(stale(LIST)).toBe(false);
    sync.status('offline');
    sync.status('live');
    expect(stale(LIST)).toBe(true);
    expect(stale(LATEST)).toBe(true);
    expect(stale(notificationKeys.unreadCount)).toBe(true);
  });

  it('refetches the lists when the count changes without an event saying why (a poll, a fresh connection)', () => {
    const sync = createNotificationSync(client, vi.fn());
    sync.message(event({ type: 'unread_count', unread_count: 1 }));
    expect(stale(LIST)).toBe(false);
    sync.message(event({ type: 'unread_count', unread_count: 4 }));
    expect(client.getQueryData(notificationKeys.unreadCount)).toEqual({ unread: 4 });
    expect(stale(LIST)).toBe(true);
  });

  it('refetches everything on reset', () => {
    const sync = createNotificationSync(client, vi.fn());
    sync.message(event({ type: 'reset' }));
    expect(stale(LIST)).toBe(true);
    expect(stale(notificationKeys.unreadCount)).toBe(true);
  });

  it('ignores what is not JSON', () => {
    const sync = createNotificationSync(client, vi.fn());
    sync.message('not json');
    sync.message('null');
    expect(stale(LIST)).toBe(false);
  });
});
