import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { RestoreResult } from '../types';

/**
 * POST /api/admin/backups/{name}/restore: replaces the database with the backup after a safety backup.
 * Every session ends, this one too: nothing is refetched afterwards (it would only meet a 401).
 */
export const restoreBackup = (name: string) =>
  api<RestoreResult>(`/api/admin/backups/${encodeURIComponent(name)}/restore`, { method: 'POST' });

/** `onSuccess` is the hook's own: it runs even when the page was left meanwhile (streams close with the restore). */
export const useRestoreBackup = ({ onSuccess }: { onSuccess: (result: RestoreResult) => void }) =>
  useMutation({ mutationFn: restoreBackup, onSuccess, meta: { inlineErrors: true } });
