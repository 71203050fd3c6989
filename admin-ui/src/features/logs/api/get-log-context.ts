import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { logKeys, type LogEntry } from '../types';

export interface LogContext {
  source: string;
  file: string;
  /** Oldest first, unfiltered. */
  entries: LogEntry[];
  cursors: string[];
  /** Index of the entry the context was asked for. */
  target: number;
}

/** The most entries the server gives on either side. */
export const MAX_CONTEXT = 200;

/** GET /api/admin/logs/context?source=&cursor=&before=&after=: the entries around one, unfiltered. */
export const getLogContext = (source: string, cursor: string, before: number, after: number) =>
  api<LogContext>('/api/admin/logs/context', { query: { source, cursor, before, after } });

export const useLogContext = (source: string, cursor: string | null, before: number, after: number) =>
  useQuery({
    queryKey: logKeys.context(source, cursor ?? '', before, after),
    queryFn: () => getLogContext(source, cursor ?? '', before, after),
    enabled: cursor !== null,
    staleTime: 60_000,
    retry: false,
  });
