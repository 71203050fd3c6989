import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { dashboardKeys, type OnlineAdmins } from '../types';

/** GET /api/admin/dashboard/online: admins with open streams (addresses only where the viewer may see them). */
export const getOnlineAdmins = () => api<OnlineAdmins>('/api/admin/dashboard/online');

export const useOnlineAdmins = () =>
  useQuery({
    queryKey: dashboardKeys.online,
    queryFn: getOnlineAdmins,
    refetchInterval: 10_000,
  });
