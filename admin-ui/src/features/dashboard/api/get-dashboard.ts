import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** GET /api/admin/dashboard: the current stats snapshot (shape documented in ARCHITECTURE.md). */
export const getDashboard = () => api<Record<string, unknown>>('/api/admin/dashboard');

export const useDashboard = () =>
  useQuery({ queryKey: ['dashboard', 'snapshot'], queryFn: getDashboard, refetchInterval: 10_000 });
