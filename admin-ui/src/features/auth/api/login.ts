import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { Admin } from '../types';

export interface LoginInput {
  email: string;
  password: string;
}

/** POST /api/admin/auth/login (no CSRF token needed; sets the auth cookies). */
export const login = (input: LoginInput) =>
  api<{ admin: Admin }>('/api/admin/auth/login', { method: 'POST', body: input, noAuthRetry: true });

export const useLogin = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: login,
    meta: { inlineErrors: true },
    onSuccess: (data) => client.setQueryData(['auth', 'status'], data),
  });
};
