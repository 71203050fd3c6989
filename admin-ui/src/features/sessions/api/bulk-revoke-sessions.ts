import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { sessionKeys } from '../types';

/** POST /api/admin/sessions/bulk-revoke {"ids"} (at most 100) → {"ok","affected"}. */
export const bulkRevokeSessions = (ids: string[]) =>
  api<{ ok: boolean; affected: number }>('/api/admin/sessions/bulk-revoke', { method: 'POST', body: { ids } });

export const useBulkRevokeSessions = () => useChangingMutation(bulkRevokeSessions, sessionKeys.all);
