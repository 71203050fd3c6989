import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** POST /api/admin/auth/logout: ends the session server-side and clears the cookies. */
export const logout = () => api<{ ok: boolean }>('/api/admin/auth/logout', { method: 'POST', noAuthRetry: true });

export const useLogout = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => client.clear(),
  });
};
