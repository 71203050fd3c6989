import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '@/lib/api-client';
import type { LogRate } from '../lib/rate';
import { logKeys } from '../types';

/** GET /api/admin/logs/rate?source=: lines per minute by level over the last hour; null where not served. */
export async function getLogRate(source: string): Promise<LogRate | null> {
  try {
    const rate = await api<LogRate>('/api/admin/logs/rate', { query: { source } });
    return Array.isArray(rate?.buckets) ? rate : null;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      return null;
    }
    throw error;
  }
}

export const useLogRate = (source: string) =>
  useQuery({
    queryKey: logKeys.rate(source),
    queryFn: () => getLogRate(source),
    refetchInterval: 60_000,
    staleTime: 50_000,
    retry: false,
  });
