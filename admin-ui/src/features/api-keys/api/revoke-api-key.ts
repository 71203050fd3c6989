import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { apiKeyKeys } from '../types';

/** DELETE /api/admin/api-keys/{id}: revokes the key; its open streams close. */
export const revokeApiKey = (id: number) => api<{ ok: boolean }>(`/api/admin/api-keys/${id}`, { method: 'DELETE' });

export const useRevokeApiKey = () => useChangingMutation(revokeApiKey, apiKeyKeys.all);
