import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { profileKeys } from '../types';

/** DELETE /api/admin/profile/sessions/{id}: one of the caller's own sessions. */
export const revokeOwnSession = (id: string) =>
  api<{ ok: boolean }>(`/api/admin/profile/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const useRevokeOwnSession = () => useChangingMutation(revokeOwnSession, profileKeys.sessions);

/**
 * "Sign out other sessions": the API has no single call for it, so every other session is revoked in
 * turn; sessions that ended meanwhile (404) are not failures. Resolves with how many were ended.
 */
export async function revokeOtherSessions(ids: string[]): Promise<number> {
  const results = await Promise.allSettled(ids.map((id) => revokeOwnSession(id)));
  const failed = results.find(
    (r): r is PromiseRejectedResult => r.status === 'rejected' && (r.reason as { status?: number })?.status !== 404,
  );
  if (failed) {
    throw failed.reason;
  }
  return results.filter((r) => r.status === 'fulfilled').length;
}

export const useRevokeOtherSessions = () => useChangingMutation(revokeOtherSessions, profileKeys.sessions);
