import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { alertKeys, type AlertRule, type AlertRuleInput } from '../types';

/** PUT /api/admin/alerts/{id} → {"rule"}. */
export const updateAlertRule = ({ id, ...body }: AlertRuleInput & { id: number }) =>
  api<{ rule: AlertRule }>(`/api/admin/alerts/${id}`, { method: 'PUT', body });

export const useUpdateAlertRule = () => useChangingMutation(updateAlertRule, alertKeys.all, { inlineErrors: true });
