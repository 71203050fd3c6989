import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { apiKeyKeys, type ApiKey } from '../types';

/** GET /api/admin/api-keys: every key, newest first, revoked ones included. */
export const getApiKeys = () => api<{ keys: ApiKey[] }>('/api/admin/api-keys');

export const useApiKeys = () => useQuery({ queryKey: apiKeyKeys.all, queryFn: getApiKeys });
