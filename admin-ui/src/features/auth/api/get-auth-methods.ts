import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '@/lib/api-client';
import type { AuthMethods } from '../types';

const PASSWORD_ONLY: AuthMethods = { password: true, sso: null };

/** GET /api/admin/auth/methods (public); a server without it (404) signs in with passwords only. */
export const getAuthMethods = async (signal?: AbortSignal): Promise<AuthMethods> => {
  try {
    return await api<AuthMethods>('/api/admin/auth/methods', { signal, noAuthRetry: true });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      return PASSWORD_ONLY;
    }
    throw error;
  }
};

export const useAuthMethods = () =>
  useQuery({
    queryKey: ['auth', 'methods'],
    queryFn: ({ signal }) => getAuthMethods(signal),
    staleTime: Infinity,
    retry: false,
  });
