import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { notificationKeys, type Notification } from '../types';

export interface NotificationPage {
  notifications: Notification[];
  total: number;
  unread: number;
}

/** GET /api/admin/notifications?limit=N (newest first). */
export const getNotifications = (limit: number) =>
  api<NotificationPage>('/api/admin/notifications', { query: { limit } });

export const useLatestNotifications = (limit: number, enabled: boolean) =>
  useQuery({ queryKey: notificationKeys.latest(limit), queryFn: () => getNotifications(limit), enabled });
