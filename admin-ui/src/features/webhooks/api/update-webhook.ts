import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { webhookKeys, type Webhook, type WebhookInput } from '../types';

/** PUT /api/admin/webhooks/{id} → {"webhook"}: every setting but the secret and the enabled flag. */
export const updateWebhook = ({ id, ...body }: WebhookInput & { id: number }) =>
  api<{ webhook: Webhook }>(`/api/admin/webhooks/${id}`, { method: 'PUT', body });

export const useUpdateWebhook = () => useChangingMutation(updateWebhook, webhookKeys.all, { inlineErrors: true });
