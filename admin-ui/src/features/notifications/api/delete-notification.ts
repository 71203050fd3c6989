import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { notificationKeys } from '../types';

/** DELETE /api/admin/notifications/{id} */
export const deleteNotification = (id: number) =>
  api<{ ok: boolean }>(`/api/admin/notifications/${id}`, { method: 'DELETE' });

export const useDeleteNotification = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: deleteNotification,
    onSuccess: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
};
