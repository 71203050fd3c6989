import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { secondFactorKeys } from '../types';

/**
 * POST /api/admin/second-factor/disable {"password","code"}: a wrong password is a 422 on password; 409 when
 * the policy requires a factor of this admin.
 */
export const disableSecondFactor = (input: { password: string; code: string }) =>
  api<{ ok: boolean }>('/api/admin/second-factor/disable', { method: 'POST', body: input });

export const useDisableSecondFactor = () =>
  useChangingMutation(disableSecondFactor, secondFactorKeys.status, { inlineErrors: true });
