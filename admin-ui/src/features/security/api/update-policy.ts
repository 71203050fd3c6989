import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { securityKeys, type SecondFactorPolicy } from '../types';

/** PUT /api/admin/second-factor/policy {"everyone","roles"}; an unknown role is a 422 on roles. */
export const updatePolicy = (policy: SecondFactorPolicy) =>
  api<SecondFactorPolicy>('/api/admin/second-factor/policy', { method: 'PUT', body: policy });

export const useUpdatePolicy = () => useChangingMutation(updatePolicy, securityKeys.policy, { inlineErrors: true });
