import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { dashboardKeys, type DashboardHistory } from '../types';

/** GET /api/admin/dashboard/history: the ring of past snapshots, oldest first (seeds the charts). */
export const getDashboardHistory = () => api<DashboardHistory>('/api/admin/dashboard/history');

/** Fetched once per visit of the page; live points are appended by the stream from then on. */
export const useDashboardHistory = () =>
  useQuery({
    queryKey: dashboardKeys.history,
    queryFn: getDashboardHistory,
    staleTime: 0,
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
