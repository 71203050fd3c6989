import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { backupKeys } from '../types';

/** DELETE /api/admin/backups/{name} */
export const deleteBackup = (name: string) =>
  api<{ ok: boolean }>(`/api/admin/backups/${encodeURIComponent(name)}`, { method: 'DELETE' });

export const useDeleteBackup = () => useChangingMutation(deleteBackup, backupKeys.all);
