import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { webhookKeys, type Webhook } from '../types';

/** GET /api/admin/webhooks: every endpoint, oldest first. */
export const getWebhooks = () => api<{ webhooks: Webhook[]; total: number }>('/api/admin/webhooks');

export const useWebhooks = () => useQuery({ queryKey: webhookKeys.list(), queryFn: getWebhooks });
