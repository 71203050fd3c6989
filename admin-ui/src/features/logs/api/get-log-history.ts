import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { logKeys, type FilterParams, type LogEntry } from '../types';

export interface LogHistoryPage {
  /** Newest first. */
  entries: LogEntry[];
  /** Each entry's cursor (for context and permalinks), parallel to `entries`; absent from older servers. */
  cursors?: string[];
  file: string;
  source?: string;
  /** Cursor of the next (older) page; null at the start of the file. */
  next: string | null;
}

const HISTORY_PAGE_SIZE = 200;

export interface HistoryParams extends FilterParams {
  source: string;
  file: string;
  before?: string | null;
  limit?: number;
}

/** GET /api/admin/logs?source=&file=&<filters>&limit=&before=: one page of a file, read backwards. */
export const getLogHistory = ({ limit, ...params }: HistoryParams) =>
  api<LogHistoryPage>('/api/admin/logs', { query: { ...params, limit: limit ?? HISTORY_PAGE_SIZE } });

/** A file's history from `before` (its end when null), older pages on demand. */
export const useLogHistory = (source: string, file: string | null, before: string | null, filters: FilterParams) =>
  useInfiniteQuery({
    queryKey: logKeys.history(source, file ?? '', before, filters),
    queryFn: ({ pageParam }) => getLogHistory({ source, file: file ?? '', ...filters, before: pageParam }),
    initialPageParam: before,
    getNextPageParam: (last) => last.next,
    enabled: file !== null,
    staleTime: 60_000,
    retry: false,
  });
