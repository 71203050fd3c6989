import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { alertKeys, type AlertFiring } from '../types';

/** GET /api/admin/alerts/{id}/firings: the newest 50, newest first. */
export const getAlertFirings = (id: number) =>
  api<{ firings: AlertFiring[]; total: number }>(`/api/admin/alerts/${id}/firings`);

export const useAlertFirings = (id: number) =>
  useQuery({ queryKey: alertKeys.firings(id), queryFn: () => getAlertFirings(id), refetchInterval: 5000 });
