import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { roleKeys, type LogSourceInfo } from '../types';

/** GET /api/admin/logs/sources: the sources a role can be limited to (those this admin may read). */
export const getLogSources = () => api<{ sources: LogSourceInfo[] }>('/api/admin/logs/sources');

export const useLogSources = () =>
  useQuery({ queryKey: roleKeys.sources, queryFn: getLogSources, staleTime: 60_000, retry: false });
