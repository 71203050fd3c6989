import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { logKeys, type LogFileInfo } from '../types';

/** GET /api/admin/logs/files: the live file and its rotated siblings, newest first. */
export const getLogFiles = () => api<{ files: LogFileInfo[] }>('/api/admin/logs/files');

export const useLogFiles = () => useQuery({ queryKey: logKeys.files, queryFn: getLogFiles, staleTime: 30_000 });
