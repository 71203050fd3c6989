import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { profileKeys, type Profile } from '../types';

/** GET /api/admin/profile */
export const getProfile = async (signal?: AbortSignal) =>
  (await api<{ admin: Profile }>('/api/admin/profile', { signal })).admin;

export const useProfile = () => useQuery({ queryKey: profileKeys.me, queryFn: ({ signal }) => getProfile(signal) });
