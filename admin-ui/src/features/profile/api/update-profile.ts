import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { profileKeys, type Profile } from '../types';

/** PUT /api/admin/profile {"name"} → {"admin"}; 422 with field errors. */
export const updateProfile = async (input: { name: string }) =>
  (await api<{ admin: Profile }>('/api/admin/profile', { method: 'PUT', body: input })).admin;

export const useUpdateProfile = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: updateProfile,
    meta: { inlineErrors: true },
    onSuccess: (profile) => client.setQueryData(profileKeys.me, profile),
  });
};
