import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { dashboardKeys, type AuditPage } from '../types';

/** GET /api/admin/audit?limit=N: the newest audit entries (scope admin:audit, else 403). */
export const getRecentAudit = (limit: number) => api<AuditPage>('/api/admin/audit', { query: { limit } });

export const useRecentAudit = (limit: number, enabled = true) =>
  useQuery({
    queryKey: dashboardKeys.recentAudit(limit),
    queryFn: () => getRecentAudit(limit),
    enabled,
    refetchInterval: 30_000,
  });
