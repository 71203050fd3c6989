import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { RestoreResult } from '../types';

/** POST /api/admin/backups/restore (multipart, part `file`): restores an uploaded SQLite file. */
export const restoreUpload = (file: File) => {
  const body = new FormData();
  body.append('file', file);
  return api<RestoreResult>('/api/admin/backups/restore', { method: 'POST', body });
};

/** `onSuccess` is the hook's own: it runs even when the page was left meanwhile (streams close with the restore). */
export const useRestoreUpload = ({ onSuccess }: { onSuccess: (result: RestoreResult) => void }) =>
  useMutation({ mutationFn: restoreUpload, onSuccess, meta: { inlineErrors: true } });
