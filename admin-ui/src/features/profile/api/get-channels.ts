import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { channelKeys, type Channels } from '../types';

/** GET /api/admin/profile/channels: the caller's email preferences and whether email is available. */
export const getChannels = (signal?: AbortSignal) => api<Channels>('/api/admin/profile/channels', { signal });

export const useChannels = () =>
  useQuery({ queryKey: channelKeys.channels, queryFn: ({ signal }) => getChannels(signal) });
