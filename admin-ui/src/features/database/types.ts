/** The maintenance a database check runs (CheckKind). */
export type CheckKind = 'integrity_check' | 'optimize' | 'vacuum';

/** queued and running are unfinished; the others are final. */
export type CheckOutcome = 'queued' | 'running' | 'ok' | 'problems' | 'failed' | 'interrupted';

/** A table and its rows; `capped`: counting stopped at `row_count_limit`, the table has at least `rows`. */
export interface DatabaseTable {
  name: string;
  rows: number;
  capped: boolean;
}

/** DatabaseFigures.Figures */
export interface DatabaseFigures {
  database_bytes: number;
  wal_bytes: number;
  shm_bytes: number;
  page_size: number;
  page_count: number;
  freelist_count: number;
  reclaimable_bytes: number;
  journal_mode: string;
  sqlite_version: string;
  disk_free_bytes: number;
  vacuum_needs_bytes: number;
  tables: DatabaseTable[];
  row_count_limit: number;
}

/** DatabaseController.CheckView */
export interface DatabaseCheck {
  id: number;
  kind: CheckKind;
  job_id: string;
  requested_by: number | null;
  requested_by_email: string | null;
  requested_at: string;
  started_at: string | null;
  finished_at: string | null;
  outcome: CheckOutcome;
  result: string;
}

/** GET /api/admin/database */
export interface DatabaseHealth {
  figures: DatabaseFigures;
  running: DatabaseCheck | null;
  last: DatabaseCheck[];
  checks: DatabaseCheck[];
}

export const databaseKeys = {
  all: ['database'] as const,
};
