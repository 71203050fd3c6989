import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { secondFactorKeys, type SecondFactorStatus } from '../types';

/** GET /api/admin/second-factor: whether the caller has a second factor, must have one, codes left. */
export const getSecondFactor = (signal?: AbortSignal) =>
  api<SecondFactorStatus>('/api/admin/second-factor', { signal });

export const useSecondFactor = () =>
  useQuery({ queryKey: secondFactorKeys.status, queryFn: ({ signal }) => getSecondFactor(signal) });
