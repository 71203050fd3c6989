import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { securityKeys, type SecondFactorPolicy } from '../types';

/** GET /api/admin/second-factor/policy (admin:admins). */
export const getPolicy = (signal?: AbortSignal) =>
  api<SecondFactorPolicy>('/api/admin/second-factor/policy', { signal });

export const usePolicy = () => useQuery({ queryKey: securityKeys.policy, queryFn: ({ signal }) => getPolicy(signal) });
