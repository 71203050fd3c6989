import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { backupKeys, type Backup } from '../types';

/** POST /api/admin/backups: VACUUM INTO a new file; answers when the copy is complete (201). */
export const createBackup = () => api<{ backup: Backup }>('/api/admin/backups', { method: 'POST' });

export const useCreateBackup = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createBackup,
    onSettled: () => client.invalidateQueries({ queryKey: backupKeys.all }),
  });
};
