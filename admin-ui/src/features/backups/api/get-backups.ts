import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { backupKeys, type BackupList } from '../types';

/** GET /api/admin/backups: every backup file, newest first, and the upload limit for restores. */
export const getBackups = () => api<BackupList>('/api/admin/backups');

export const useBackups = () => useQuery({ queryKey: backupKeys.all, queryFn: getBackups });
