import { queryOptions, useQuery } from '@tanstack/react-query';
import { refreshSession } from '@/lib/api-client';
import type { Admin } from '../types';

/** GET /api/admin/auth: who is signed in; also refreshes the access cookie (and rotates the refresh token). */
export const getAuthStatus = () => refreshSession<{ admin: Admin }>();

export const authStatusQueryOptions = () =>
  queryOptions({
    queryKey: ['auth', 'status'],
    queryFn: getAuthStatus,
    staleTime: Infinity,
    retry: false,
    // Keeps the session alive while the tab is visible (access cookie lives 5 minutes). TanStack Query
    // pauses interval refetches in hidden tabs by default.
    refetchInterval: 4 * 60_000,
  });

export const useAuthStatus = () => useQuery(authStatusQueryOptions());
