import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { logLevelKeys, type Logger } from '../types';

/** GET /api/admin/log-levels: every logger (ROOT first) and the levels one may be set to. */
export const getLogLevels = () => api<{ loggers: Logger[]; levels: string[] }>('/api/admin/log-levels');

export const useLogLevels = () => useQuery({ queryKey: logLevelKeys.all, queryFn: getLogLevels });
