import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { notificationKeys } from '../types';

/** POST /api/admin/notifications/{id}/read */
export const markRead = (id: number) => api<{ ok: boolean }>(`/api/admin/notifications/${id}/read`, { method: 'POST' });

export const useMarkRead = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: markRead,
    onSuccess: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
};
