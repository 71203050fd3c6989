import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { dashboardKeys, type DashboardSnapshot } from '../types';

/** GET /api/admin/dashboard: the current snapshot. */
export const getDashboard = () => api<DashboardSnapshot>('/api/admin/dashboard');

/**
 * The snapshot by polling: the dashboard's fallback while its stream is offline (the stream itself
 * delivers a snapshot on connect, so nothing is fetched while it is up).
 */
export const useDashboardPolling = (enabled: boolean) =>
  useQuery({
    queryKey: dashboardKeys.snapshot,
    queryFn: getDashboard,
    enabled,
    refetchInterval: enabled ? 10_000 : false,
    staleTime: 0,
    retry: false,
  });
