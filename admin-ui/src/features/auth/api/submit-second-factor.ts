import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { Admin } from '../types';

/** POST /api/admin/auth/second-factor {"code"}: a TOTP code or a recovery code for the pending sign-in. */
export const submitSecondFactor = (code: string) =>
  api<{ admin: Admin }>('/api/admin/auth/second-factor', { method: 'POST', body: { code }, noAuthRetry: true });

export const useSubmitSecondFactor = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: submitSecondFactor,
    meta: { inlineErrors: true },
    onSuccess: (data) => client.setQueryData(['auth', 'status'], data),
  });
};
