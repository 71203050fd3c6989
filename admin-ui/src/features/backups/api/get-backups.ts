import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { backupKeys, type Backup } from '../types';

/** GET /api/admin/backups: every backup file, newest first. */
export const getBackups = () => api<{ backups: Backup[] }>('/api/admin/backups');

export const useBackups = () => useQuery({ queryKey: backupKeys.all, queryFn: getBackups });
