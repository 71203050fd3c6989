import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { webhookKeys, type Webhook } from '../types';

/** POST /api/admin/webhooks/{id}/enable → {"webhook"}: deliveries resume, the failure count starts afresh. */
export const enableWebhook = (id: number) =>
  api<{ webhook: Webhook }>(`/api/admin/webhooks/${id}/enable`, { method: 'POST' });

export const useEnableWebhook = () => useChangingMutation(enableWebhook, webhookKeys.all);
