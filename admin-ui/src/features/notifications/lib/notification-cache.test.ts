import { describe, expect, it } from 'vitest';
import type { NotificationPage } from '../api/get-notifications';
import { notificationKeys, type Notification } from '../types';
import { applyChange, viewOf, type PageView } from './notification-cache';

const NOW = '2026-12-06T06:00:00.000Z';
const note = (id: number, read = false): Notification => ({
  id,
  type: 'info',
  title: `n${id}`,
  created_at: '2026-12-01T00:00:00Z',
  read_at: read ? '2026-12-02T00:00:00Z' : null,
});
const page = (
  rows: Notification[],
  total = rows.length,
  unread = rows.filter((r) => !r.read_at).length,
): NotificationPage => ({ notifications: rows, total, unread });
const FIRST: PageView = { offset: 0, limit: 3, unreadOnly: false, newestFirst: true };
const ids = (p: NotificationPage) => p.notifications.map((n) => n.id);

describe('viewOf', () => {
  it("reads the bell's latest and the table's pages, nothing else", () => {
    expect(viewOf(notificationKeys.latest(10))).toEqual({ offset: 0, limit: 10, unreadOnly: false, newestFirst: true });
    expect(viewOf(notificationKeys.list({ limit: 25, offset: 50, unread: true, sort: 'type', order: 'asc' }))).toEqual({
      offset: 50,
      limit: 25,
      unreadOnly: true,
      newestFirst: false,
    });
    expect(
      viewOf(notificationKeys.list({ limit: 25, offset: 0, unread: false, sort: 'created_at', order: 'desc' }))
        ?.newestFirst,
    ).toBe(true);
    expect(viewOf(notificationKeys.unreadCount)).toBeNull();
  });
});

describe('applyChange', () => {
  it('puts a new notification on top of a newest-first first page, in place', () => {
    const applied = applyChange(
      page([note(3), note(2), note(1)], 5),
      FIRST,
      { type: 'notification', id: 4, notification: note(4), unread_count: 4 },
      NOW,
    );
    expect(ids(applied.page)).toEqual([4, 3, 2]);
    expect(applied.page).toMatchObject({ total: 6, unread: 4 });
    expect(applied.refetch).toBe(false);
  });

  it('does not add a notification twice (a replay after resume)', () => {
    const before = page([note(4), note(3)]);
    const applied = applyChange(
      before,
      FIRST,
      { type: 'notification', id: 4, notification: note(4), unread_count: 2 },
      NOW,
    );
    expect(ids(applied.page)).toEqual([4, 3]);
    expect(applied.page.total).toBe(2);
    expect(applied.refetch).toBe(false);
  });

  it("refetches a page where the new notification's place is not known", () => {
    const event = { type: 'notification', id: 9, notification: note(9), unread_count: 1 } as const;
    const later = applyChange(page([note(2)], 30), { ...FIRST, offset: 25 }, event, NOW);
    expect(later.refetch).toBe(true);
    expect(ids(later.page)).toEqual([2]);
    expect(applyChange(page([note(2)]), { ...FIRST, newestFirst: false }, event, NOW).refetch).toBe(true);
  });

  it('marks rows read in place; a list of all keeps its rows', () => {
    const applied = applyChange(
      page([note(3), note(2), note(1)], 10),
      { ...FIRST, offset: 3 },
      { type: 'read', ids: [2], unread_count: 2 },
      NOW,
    );
    expect(applied.page.notifications.map((n) => n.read_at)).toEqual([null, NOW, null]);
    expect(applied.page.unread).toBe(2);
    expect(applied.refetch).toBe(false);
    const all = applyChange(page([note(3), note(2, true)]), FIRST, { type: 'read', all: true, unread_count: 0 }, NOW);
    expect(all.page.notifications.map((n) => n.read_at)).toEqual([NOW, '2026-12-02T00:00:00Z']);
  });

  it('drops read rows from an unread-only list, refetching only when others may move in', () => {
    const unreadOnly = { ...FIRST, unreadOnly: true };
    const whole = applyChange(page([note(3), note(2)]), unreadOnly, { type: 'read', ids: [3], unread_count: 1 }, NOW);
    expect(ids(whole.page)).toEqual([2]);
    expect(whole.page.total).toBe(1);
    expect(whole.refetch).toBe(false);
    const partial = applyChange(
      page([note(5), note(4), note(3)], 5),
      unreadOnly,
      { type: 'read', ids: [5], unread_count: 4 },
      NOW,
    );
    expect(ids(partial.page)).toEqual([4, 3]);
    expect(partial.refetch).toBe(true);
  });

  it('removes deleted rows; exact when the page held them all, refetched when the window moves', () => {
    const exact = applyChange(
      page([note(3), note(2), note(1)]),
      FIRST,
      { type: 'deleted', ids: [2], unread_count: 2 },
      NOW,
    );
    expect(ids(exact.page)).toEqual([3, 1]);
    expect(exact.page.total).toBe(2);
    expect(exact.refetch).toBe(false);
    const more = applyChange(
      page([note(3), note(2), note(1)], 7),
      FIRST,
      { type: 'deleted', ids: [2], unread_count: 2 },
      NOW,
    );
    expect(ids(more.page)).toEqual([3, 1]);
    expect(more.refetch).toBe(true);
    const elsewhere = applyChange(page([note(3)]), FIRST, { type: 'deleted', ids: [8], unread_count: 1 }, NOW);
    expect(elsewhere.refetch).toBe(true);
  });
});
