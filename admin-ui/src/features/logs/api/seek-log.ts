import { api } from '@/lib/api-client';

export interface SeekResult {
  /** The file that holds the time. */
  file: string;
  /** History position just after the last entry at or before the time. */
  before: string;
}

/** GET /api/admin/logs/seek?source=&at=: where in the source's files a time is. */
export const seekLog = (source: string, at: string) =>
  api<SeekResult>('/api/admin/logs/seek', { query: { source, at } });
