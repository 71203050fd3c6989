import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { webhookKeys, type Webhook } from '../types';

/** POST /api/admin/webhooks/{id}/rotate-secret → {"webhook", "secret"}: a new generated secret, shown once. */
export const rotateWebhookSecret = (id: number) =>
  api<{ webhook: Webhook; secret: string }>(`/api/admin/webhooks/${id}/rotate-secret`, { method: 'POST' });

export const useRotateWebhookSecret = () => useChangingMutation(rotateWebhookSecret, webhookKeys.all);
