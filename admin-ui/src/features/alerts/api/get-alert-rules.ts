import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { alertKeys, type AlertRule } from '../types';

/** GET /api/admin/alerts: every rule with its state and last firing. */
export const getAlertRules = () => api<{ rules: AlertRule[]; total: number }>('/api/admin/alerts');

/** Polled: states move on with the logs (pending, firing, recovered). */
export const useAlertRules = () =>
  useQuery({ queryKey: alertKeys.list(), queryFn: getAlertRules, refetchInterval: 3000 });
