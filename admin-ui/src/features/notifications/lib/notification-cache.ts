// A notification event applied to one cached page of notifications (the bell's latest, a page of the
// table): what the event says for certain is changed in place; when rows outside the page may now
// belong in it (or its total is uncertain), the page is marked for a refetch as well.
import type { NotificationPage } from '../api/get-notifications';
import { notificationKeys, type NotificationEvent, type NotificationListParams } from '../types';

export type NotificationChange = Extract<NotificationEvent, { type: 'notification' | 'read' | 'deleted' }>;

/** How a cached page was asked for. */
export interface PageView {
  offset: number;
  limit: number;
  unreadOnly: boolean;
  /** Sorted newest first (by id or creation): a new notification goes on top of the first page. */
  newestFirst: boolean;
}

/** The view of a cached notifications query, or null for what is not a page (the unread count). */
export function viewOf(key: readonly unknown[]): PageView | null {
  if (key[1] === notificationKeys.latestAll[1] && typeof key[2] === 'number') {
    return { offset: 0, limit: key[2], unreadOnly: false, newestFirst: true };
  }
  if (key[1] === notificationKeys.lists[1] && key[2] && typeof key[2] === 'object') {
    const params = key[2] as NotificationListParams;
    return {
      offset: params.offset,
      limit: params.limit,
      unreadOnly: params.unread,
      newestFirst: params.order === 'desc' && (params.sort === 'id' || params.sort === 'created_at'),
    };
  }
  return null;
}

export interface Applied {
  page: NotificationPage;
  /** The page may miss rows that now belong in it: refetch it. */
  refetch: boolean;
}

/** `event` applied to `page`; `now` stamps rows marked read (the event carries no time). */
export function applyChange(page: NotificationPage, view: PageView, event: NotificationChange, now: string): Applied {
  const unread = event.unread_count;
  let rows = page.notifications;
  /** The total, when the event tells it for certain. */
  let total: number | null = view.unreadOnly ? unread : null;

  switch (event.type) {
    case 'notification': {
      if (rows.some((row) => row.id === event.id)) {
        return { page: { ...page, unread }, refetch: false };
      }
      total ??= page.total + 1;
      if (view.offset > 0 || !view.newestFirst) {
        return { page: { ...page, unread, total }, refetch: true };
      }
      rows = [event.notification, ...rows].slice(0, view.limit);
      break;
    }
    case 'read': {
      const read = (id: number) => event.all === true || (event.ids ?? []).includes(id);
      if (!view.unreadOnly) {
        // The list keeps its rows: only their state changes.
        const marked = rows.map((row) => (!row.read_at && read(row.id) ? { ...row, read_at: now } : row));
        return { page: { ...page, unread, notifications: marked }, refetch: false };
      }
      rows = rows.filter((row) => !read(row.id));
      break;
    }
    case 'deleted': {
      const kept = rows.filter((row) => !event.ids.includes(row.id));
      // Ids not on this page may or may not have been in its list: then its total is not known.
      if (total === null && rows.length - kept.length === event.ids.length) {
        total = page.total - event.ids.length;
      }
      rows = kept;
      break;
    }
  }
  const next = { ...page, unread, total: total ?? page.total, notifications: rows };
  // Exact only for a first page holding every row up to its limit.
  const exact = total !== null && view.offset === 0 && rows.length === Math.min(view.limit, total);
  return { page: next, refetch: !exact };
}
