import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { dashboardKeys, type DashboardHistory, type HistoryRange } from '../types';

/** GET /api/admin/dashboard/history?range=: stored points of the range, oldest first (seeds the charts). */
export const getDashboardHistory = (range: HistoryRange = '1h') =>
  api<DashboardHistory>('/api/admin/dashboard/history', { query: { range } });

/**
 * The hour is fetched once per visit of the page (live points are appended by the stream from then on);
 * longer ranges, whose newest point is the bucket in progress, are refreshed every minute while shown.
 */
export const useDashboardHistory = (range: HistoryRange = '1h', enabled = true) =>
  useQuery({
    queryKey: dashboardKeys.history(range),
    queryFn: () => getDashboardHistory(range),
    enabled,
    staleTime: 0,
    gcTime: range === '1h' ? 0 : 5 * 60_000,
    refetchInterval: range === '1h' ? false : 60_000,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
