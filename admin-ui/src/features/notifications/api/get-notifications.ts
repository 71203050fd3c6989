import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { notificationKeys, type Notification, type NotificationListParams } from '../types';

export interface NotificationPage {
  notifications: Notification[];
  /** Rows matching the filter (all, or unread only). */
  total: number;
  unread: number;
}

/** GET /api/admin/notifications?limit=N (newest first). */
export const getNotifications = (limit: number) =>
  api<NotificationPage>('/api/admin/notifications', { query: { limit } });

export const useLatestNotifications = (limit: number, enabled: boolean) =>
  useQuery({ queryKey: notificationKeys.latest(limit), queryFn: () => getNotifications(limit), enabled });

/** GET /api/admin/notifications?limit&offset&unread&sort&order: one page of the table. */
export const getNotificationList = (params: NotificationListParams, signal?: AbortSignal) =>
  api<NotificationPage>('/api/admin/notifications', {
    query: {
      limit: params.limit,
      offset: params.offset,
      unread: params.unread ? true : undefined,
      sort: params.sort,
      order: params.order,
    },
    signal,
  });

export const useNotificationList = (params: NotificationListParams) =>
  useQuery({
    queryKey: notificationKeys.list(params),
    queryFn: ({ signal }) => getNotificationList(params, signal),
    // Keep the current rows on screen while the next page / sort loads.
    placeholderData: keepPreviousData,
  });
