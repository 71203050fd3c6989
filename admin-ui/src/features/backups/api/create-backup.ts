import { api } from '@/lib/api-client';
import { useChangingMutation } from '@/lib/use-changing-mutation';
import { backupKeys, type Backup } from '../types';

/** POST /api/admin/backups: VACUUM INTO a new file; answers when the copy is complete (201). */
export const createBackup = () => api<{ backup: Backup }>('/api/admin/backups', { method: 'POST' });

export const useCreateBackup = () => useChangingMutation(createBackup, backupKeys.all);
