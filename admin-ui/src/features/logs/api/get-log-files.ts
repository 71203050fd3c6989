import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { logKeys, type LogFileInfo } from '../types';

/** GET /api/admin/logs/files?source=: the source's live file and its rotated siblings, newest first. */
export const getLogFiles = (source: string) =>
  api<{ files: LogFileInfo[] }>('/api/admin/logs/files', { query: { source } });

export const useLogFiles = (source: string) =>
  useQuery({ queryKey: logKeys.files(source), queryFn: () => getLogFiles(source), staleTime: 30_000 });
