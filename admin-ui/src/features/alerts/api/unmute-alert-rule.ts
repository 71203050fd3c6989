import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { alertKeys, type AlertRule } from '../types';

/** DELETE /api/admin/alerts/{id}/mute. */
export const unmuteAlertRule = (id: number) =>
  api<{ rule: AlertRule }>(`/api/admin/alerts/${id}/mute`, { method: 'DELETE' });

export const useUnmuteAlertRule = () => useChangingMutation(unmuteAlertRule, alertKeys.all);
