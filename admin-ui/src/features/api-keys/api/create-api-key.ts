import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { apiKeyKeys, type ApiKey } from '../types';

export interface CreateApiKeyInput {
  name: string;
  scopes: string[];
  expires_at?: string;
}

/** POST /api/admin/api-keys → 201 {"key", "secret"}: the only answer that carries the secret; 422 on fields. */
export const createApiKey = (input: CreateApiKeyInput) =>
  api<{ key: ApiKey; secret: string }>('/api/admin/api-keys', { method: 'POST', body: input });

export const useCreateApiKey = () => useChangingMutation(createApiKey, apiKeyKeys.all, { inlineErrors: true });
