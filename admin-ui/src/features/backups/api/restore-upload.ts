import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { RestoreResult } from '../types';

/** POST /api/admin/backups/restore (multipart, part `file`): restores an uploaded SQLite file. */
export const restoreUpload = (file: File) => {
  const body = new FormData();
  body.append('file', file);
  return api<RestoreResult>('/api/admin/backups/restore', { method: 'POST', body });
};

export const useRestoreUpload = () => useMutation({ mutationFn: restoreUpload, meta: { inlineErrors: true } });
