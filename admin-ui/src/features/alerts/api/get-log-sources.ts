import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '@/lib/api-client';
import { alertKeys } from '../types';

/** The own log, which every server has. */
const OWN = ['vigil'];

/**
 * GET /api/admin/logs/sources → the names of the sources this admin may read; a server without the
 * endpoint (404) has only its own log.
 */
export const getLogSources = async (): Promise<string[]> => {
  try {
    const { sources } = await api<{ sources: { name: string }[] }>('/api/admin/logs/sources');
    return sources.length > 0 ? sources.map((s) => s.name) : OWN;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
      return OWN;
    }
    throw error;
  }
};

export const useLogSources = () =>
  useQuery({ queryKey: alertKeys.sources(), queryFn: getLogSources, staleTime: 60_000 });
