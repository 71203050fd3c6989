import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { notificationKeys } from '../types';

/** POST /api/admin/notifications/read-all */
export const markAllRead = () =>
  api<{ ok: boolean; marked: number }>('/api/admin/notifications/read-all', { method: 'POST' });

export const useMarkAllRead = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: markAllRead,
    onSuccess: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
};
