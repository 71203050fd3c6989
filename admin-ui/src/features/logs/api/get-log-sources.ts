import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '@/lib/api-client';
import { DEFAULT_SOURCE, logKeys, type LogSourceInfo } from '../types';

/** What a server without configurable sources serves: its own log. */
export const OWN_LOG_ONLY: LogSourceInfo[] = [{ name: DEFAULT_SOURCE, status: 'live' }];

/**
 * GET /api/admin/logs/sources: the sources this admin may read, with their file's status. A server
 * that predates sources answers 404: then its own log is the only one.
 */
export async function getLogSources(): Promise<LogSourceInfo[]> {
  try {
    const body = await api<{ sources: LogSourceInfo[] }>('/api/admin/logs/sources');
    return Array.isArray(body.sources) && body.sources.length > 0 ? body.sources : OWN_LOG_ONLY;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      return OWN_LOG_ONLY;
    }
    throw error;
  }
}

/** Refreshed now and then: a waiting source's file may appear. */
export const useLogSources = () =>
  useQuery({ queryKey: logKeys.sources, queryFn: getLogSources, staleTime: 15_000, refetchInterval: 30_000 });
