import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { securityKeys } from '../types';

/** DELETE /api/admin/second-factor/admins/{id}: removes a lost factor; the admin signs in with the password. */
export const resetSecondFactor = (id: number) =>
  api<{ ok: boolean }>(`/api/admin/second-factor/admins/${id}`, { method: 'DELETE' });

export const useResetSecondFactor = () => useChangingMutation(resetSecondFactor, securityKeys.enrolled);
