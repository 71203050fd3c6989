import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { webhookKeys } from '../types';

/** DELETE /api/admin/webhooks/{id}: the endpoint and its delivery log. */
export const deleteWebhook = (id: number) => api<{ ok: boolean }>(`/api/admin/webhooks/${id}`, { method: 'DELETE' });

export const useDeleteWebhook = () => useChangingMutation(deleteWebhook, webhookKeys.all);
