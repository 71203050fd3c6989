import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { secondFactorKeys } from '../types';

/** POST /api/admin/second-factor/recovery-codes {"code"}: new codes; the old ones stop working. */
export const regenerateRecoveryCodes = (code: string) =>
  api<{ recovery_codes: string[] }>('/api/admin/second-factor/recovery-codes', { method: 'POST', body: { code } });

export const useRegenerateRecoveryCodes = () =>
  useChangingMutation(regenerateRecoveryCodes, secondFactorKeys.status, { inlineErrors: true });
