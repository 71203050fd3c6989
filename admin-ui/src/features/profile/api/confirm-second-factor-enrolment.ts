import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { secondFactorKeys } from '../types';

/** POST /api/admin/second-factor/enrol/confirm {"code"} → the recovery codes, shown once. */
export const confirmSecondFactorEnrolment = (code: string) =>
  api<{ recovery_codes: string[] }>('/api/admin/second-factor/enrol/confirm', { method: 'POST', body: { code } });

export const useConfirmSecondFactorEnrolment = () =>
  useChangingMutation(confirmSecondFactorEnrolment, secondFactorKeys.status, { inlineErrors: true });
