import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { notificationKeys } from '../types';

/** GET /api/admin/notifications/unread-count; also the polling fallback when the stream is down. */
export const getUnreadCount = () => api<{ unread: number }>('/api/admin/notifications/unread-count');

export const useUnreadCount = () =>
  useQuery({ queryKey: notificationKeys.unreadCount, queryFn: getUnreadCount, staleTime: Infinity });
