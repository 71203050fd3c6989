import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { alertKeys, type AlertRule, type AlertRuleInput } from '../types';

/** POST /api/admin/alerts → 201 {"rule"}. */
export const createAlertRule = (body: AlertRuleInput) =>
  api<{ rule: AlertRule }>('/api/admin/alerts', { method: 'POST', body });

export const useCreateAlertRule = () => useChangingMutation(createAlertRule, alertKeys.all, { inlineErrors: true });
