import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { LoginAnswer } from '../types';

export interface LoginInput {
  email: string;
  password: string;
}

/**
 * POST /api/admin/auth/login (no CSRF token needed). Sets the auth cookies, or, when a second factor is
 * pending, only a short-lived cookie for the second step.
 */
export const login = (input: LoginInput) =>
  api<LoginAnswer>('/api/admin/auth/login', { method: 'POST', body: input, noAuthRetry: true });

export const useLogin = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: login,
    meta: { inlineErrors: true },
    onSuccess: (data) => {
      if (data.admin) {
        client.setQueryData(['auth', 'status'], { admin: data.admin });
      }
    },
  });
};
