import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { channelKeys, type Channels } from '../types';

/** PUT /api/admin/profile/channels {"email":{"types"}} → the saved channels; 400 for an unknown type. */
export const updateChannels = (input: { email: { types: string[] } }) =>
  api<Channels>('/api/admin/profile/channels', { method: 'PUT', body: input });

export const useUpdateChannels = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: updateChannels,
    // The card shows a failed save beside the checkboxes.
    meta: { inlineErrors: true },
    onSuccess: (channels) => client.setQueryData(channelKeys.channels, channels),
  });
};
