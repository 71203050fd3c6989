import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { channelKeys, type EmailDelivery } from '../types';

/** GET /api/admin/profile/channels/email/deliveries: the caller's recent email deliveries, newest first. */
export const getEmailDeliveries = (signal?: AbortSignal) =>
  api<{ deliveries: EmailDelivery[]; total: number }>('/api/admin/profile/channels/email/deliveries', {
    query: { limit: 10 },
    signal,
  });

export const useEmailDeliveries = () =>
  useQuery({
    queryKey: channelKeys.deliveries,
    queryFn: ({ signal }) => getEmailDeliveries(signal),
    // Deliveries settle in the background (retries): keep the status current while the page is open.
    refetchInterval: 15_000,
  });
