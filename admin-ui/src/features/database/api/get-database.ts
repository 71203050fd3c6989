import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { pollInterval } from '../lib/checks';
import { databaseKeys, type DatabaseHealth } from '../types';

/** GET /api/admin/database: file figures, tables with row counts, the running check and recent results. */
export const getDatabase = () => api<DatabaseHealth>('/api/admin/database');

/** Polled while a check is queued or running, so its result shows when it lands. */
export const useDatabase = () =>
  useQuery({
    queryKey: databaseKeys.all,
    queryFn: getDatabase,
    refetchInterval: (query) => pollInterval(query.state.data),
    staleTime: 0,
  });
