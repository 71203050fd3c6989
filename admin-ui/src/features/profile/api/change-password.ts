import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { profileKeys } from '../types';

/**
 * PUT /api/admin/profile/password {"current_password","new_password"} → {"ok","sessions_revoked"}. Ends
 * every other session of this admin; a wrong current password is a 422 on current_password.
 */
export const changePassword = (input: { current_password: string; new_password: string }) =>
  api<{ ok: boolean; sessions_revoked: number }>('/api/admin/profile/password', { method: 'PUT', body: input });

export const useChangePassword = () =>
  useChangingMutation(changePassword, profileKeys.sessions, { inlineErrors: true });
