import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { profileKeys } from '../types';

/**
 * PUT /api/admin/profile/password {"current_password","new_password"} → {"ok","sessions_revoked"}. Ends
 * every other session of this admin; a wrong current password is a 422 on current_password.
 */
export const changePassword = (input: { current_password: string; new_password: string }) =>
  api<{ ok: boolean; sessions_revoked: number }>('/api/admin/profile/password', { method: 'PUT', body: input });

export const useChangePassword = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    meta: { inlineErrors: true },
    onSuccess: () => client.invalidateQueries({ queryKey: profileKeys.sessions }),
  });
};
