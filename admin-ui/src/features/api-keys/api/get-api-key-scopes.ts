import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { apiKeyKeys, type ApiKeyScope } from '../types';

/** GET /api/admin/api-keys/scopes: the scopes a key may carry. */
export const getApiKeyScopes = () => api<{ scopes: ApiKeyScope[] }>('/api/admin/api-keys/scopes');

export const useApiKeyScopes = () =>
  useQuery({ queryKey: apiKeyKeys.scopes, queryFn: getApiKeyScopes, staleTime: Infinity });
