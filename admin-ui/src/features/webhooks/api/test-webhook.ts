import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { webhookKeys, type Delivery } from '../types';

/** POST /api/admin/webhooks/{id}/test → 202 {"delivery"}: a test event queued through the delivery path. */
export const testWebhook = (id: number) =>
  api<{ delivery: Delivery }>(`/api/admin/webhooks/${id}/test`, { method: 'POST' });

export const useTestWebhook = () => useChangingMutation(testWebhook, webhookKeys.all);
