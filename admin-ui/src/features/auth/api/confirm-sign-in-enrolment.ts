import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { Admin } from '../types';

/**
 * POST /api/admin/auth/second-factor/enrol/confirm {"code"}: the first code confirms the factor and signs
 * in; the recovery codes come this once. The status is stored by the caller once they were shown.
 */
export const confirmSignInEnrolment = (code: string) =>
  api<{ admin: Admin; recovery_codes: string[] }>('/api/admin/auth/second-factor/enrol/confirm', {
    method: 'POST',
    body: { code },
    noAuthRetry: true,
  });

export const useConfirmSignInEnrolment = () =>
  useMutation({ mutationFn: confirmSignInEnrolment, meta: { inlineErrors: true } });
