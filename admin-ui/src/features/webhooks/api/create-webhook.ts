import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { webhookKeys, type Webhook, type WebhookInput } from '../types';

/** POST /api/admin/webhooks → 201 {"webhook", "secret"}: the only time the generated secret is shown. */
export const createWebhook = (body: WebhookInput) =>
  api<{ webhook: Webhook; secret: string }>('/api/admin/webhooks', { method: 'POST', body });

export const useCreateWebhook = () => useChangingMutation(createWebhook, webhookKeys.all, { inlineErrors: true });
