import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { logKeys, type LogEntry } from '../types';

export interface LogHistoryPage {
  /** Newest first. */
  entries: LogEntry[];
  file: string;
  /** Cursor of the next (older) page; null at the start of the file. */
  next: string | null;
}

const HISTORY_PAGE_SIZE = 200;

/** GET /api/admin/logs?file=&level=&search=&limit=&before=: one page of a file, read backwards. */
export const getLogHistory = (params: { file: string; level?: string; search?: string; before?: string | null }) =>
  api<LogHistoryPage>('/api/admin/logs', {
    query: {
      file: params.file,
      level: params.level,
      search: params.search,
      limit: HISTORY_PAGE_SIZE,
      before: params.before,
    },
  });

export const useLogHistory = (file: string | null, level: string | undefined, search: string | undefined) =>
  useInfiniteQuery({
    queryKey: logKeys.history(file ?? '', level ?? '', search ?? ''),
    queryFn: ({ pageParam }) => getLogHistory({ file: file ?? '', level, search, before: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
    enabled: file !== null,
    staleTime: 60_000,
  });
