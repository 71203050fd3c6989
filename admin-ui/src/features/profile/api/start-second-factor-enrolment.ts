import { useMutation } from '@tanstack/react-query';
import type { TwoFactorEnrolment } from '@/components/two-factor/types';
import { api } from '@/lib/api-client';

/** POST /api/admin/second-factor/enrol: a new secret (replacing one never confirmed); 409 when one is on. */
export const startSecondFactorEnrolment = () =>
  api<TwoFactorEnrolment>('/api/admin/second-factor/enrol', { method: 'POST' });

export const useStartSecondFactorEnrolment = () =>
  useMutation({ mutationFn: startSecondFactorEnrolment, meta: { inlineErrors: true } });
