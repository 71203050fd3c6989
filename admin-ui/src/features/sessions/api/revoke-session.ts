import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { sessionKeys } from '../types';

/** DELETE /api/admin/sessions/{id}: ends the session and closes its streams. */
export const revokeSession = (id: string) =>
  api<{ ok: boolean }>(`/api/admin/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const useRevokeSession = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: revokeSession,
    onSuccess: () => client.invalidateQueries({ queryKey: sessionKeys.all }),
  });
};
