import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { backupKeys } from '../types';

/** DELETE /api/admin/backups/{name} */
export const deleteBackup = (name: string) =>
  api<{ ok: boolean }>(`/api/admin/backups/${encodeURIComponent(name)}`, { method: 'DELETE' });

export const useDeleteBackup = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: deleteBackup,
    onSettled: () => client.invalidateQueries({ queryKey: backupKeys.all }),
  });
};
