import { api } from '@/lib/api-client';
import type { DashboardSnapshot } from '../types';

/** GET /api/admin/dashboard: the current snapshot (the stream's fallback while it is offline). */
export const getDashboard = () => api<DashboardSnapshot>('/api/admin/dashboard');
