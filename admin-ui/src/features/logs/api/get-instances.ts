import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '@/lib/api-client';
import { logKeys, type InstanceInfo } from '../types';

/** GET /api/admin/instances: the live instances. A server that predates clustering answers 404: one instance. */
export async function getInstances(): Promise<InstanceInfo[]> {
  try {
    const body = await api<InstanceInfo[]>('/api/admin/instances');
    return Array.isArray(body) ? body : [];
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      return [];
    }
    throw error;
  }
}

/** Refreshed now and then: instances come and go. */
export const useInstances = () =>
  useQuery({ queryKey: logKeys.instances, queryFn: getInstances, staleTime: 5_000, refetchInterval: 15_000 });
