import { useMutation } from '@tanstack/react-query';
import type { TwoFactorEnrolment } from '@/components/two-factor/types';
import { api } from '@/lib/api-client';

/** POST /api/admin/auth/second-factor/enrol: a new secret for a pending sign-in that must set up a factor. */
export const startSignInEnrolment = () =>
  api<TwoFactorEnrolment>('/api/admin/auth/second-factor/enrol', { method: 'POST', noAuthRetry: true });

export const useStartSignInEnrolment = () =>
  useMutation({ mutationFn: startSignInEnrolment, meta: { inlineErrors: true } });
