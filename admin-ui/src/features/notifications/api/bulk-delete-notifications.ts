import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { notificationKeys } from '../types';

/** POST /api/admin/notifications/bulk-delete {"ids"} (at most 100 ids). */
export const bulkDeleteNotifications = (ids: number[]) =>
  api<{ ok: boolean; affected: number }>('/api/admin/notifications/bulk-delete', { method: 'POST', body: { ids } });

export const useBulkDeleteNotifications = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: bulkDeleteNotifications,
    onSuccess: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
};
