import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { isPending } from '../lib/webhook-form';
import { webhookKeys, type Delivery } from '../types';

/** GET /api/admin/webhooks/{id}/deliveries?limit&offset: the delivery log, newest first. */
export const getWebhookDeliveries = (id: number, page: number, pageSize: number) =>
  api<{ deliveries: Delivery[]; total: number }>(`/api/admin/webhooks/${id}/deliveries`, {
    query: { limit: pageSize, offset: (page - 1) * pageSize },
  });

/**
 * Polled while open: deliveries move on in the background (retries, slow receivers), and new ones come
 * with every matching send. Quicker while a row shown is still under way.
 */
export const useWebhookDeliveries = (id: number, page: number, pageSize: number) =>
  useQuery({
    queryKey: webhookKeys.deliveries(id, page, pageSize),
    queryFn: () => getWebhookDeliveries(id, page, pageSize),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.deliveries.some((d) => isPending(d.status)) ? 2000 : 5000),
  });
