import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { webhookKeys, type Webhook } from '../types';

/** POST /api/admin/webhooks/{id}/disable → {"webhook"}: no new deliveries; waiting retries end as failed. */
export const disableWebhook = (id: number) =>
  api<{ webhook: Webhook }>(`/api/admin/webhooks/${id}/disable`, { method: 'POST' });

export const useDisableWebhook = () => useChangingMutation(disableWebhook, webhookKeys.all);
