import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { sessionKeys } from '../types';

/** DELETE /api/admin/sessions/{id}: ends the session and closes its streams. */
export const revokeSession = (id: string) =>
  api<{ ok: boolean }>(`/api/admin/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const useRevokeSession = () => useChangingMutation(revokeSession, sessionKeys.all);
