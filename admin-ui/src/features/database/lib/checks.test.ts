import { describe, expect, it } from 'vitest';
import type { DatabaseCheck, DatabaseHealth } from '../types';
import { formatRows, isUnfinished, lastOf, outcomeColor, pollInterval, vacuumBlocked } from './checks';

const check = (over: Partial<DatabaseCheck>): DatabaseCheck => ({
  id: 1,
  kind: 'integrity_check',
  job_id: '00000000-0000-0000-0000-000000000001',
  requested_by: 1,
  requested_by_email: 'root@vigil.test',
  requested_at: '2026-12-06T15:00:00Z',
  started_at: null,
  finished_at: null,
  outcome: 'queued',
  result: '',
  ...over,
});

const health = (over: Partial<DatabaseHealth> = {}, free = 10_000): DatabaseHealth => ({
  figures: {
    database_bytes: 4_000,
    wal_bytes: 1_000,
    shm_bytes: 32_768,
    page_size: 4_096,
    page_count: 1,
    freelist_count: 0,
    reclaimable_bytes: 0,
    journal_mode: 'wal',
    sqlite_version: '3.54.1',
    disk_free_bytes: free,
    vacuum_needs_bytes: 10_000,
    tables: [],
    row_count_limit: 100_000,
  },
  running: null,
  last: [],
  checks: [],
  ...over,
});

describe('database checks', () => {
  it('polls only while a check is unfinished', () => {
    expect(pollInterval(undefined)).toBe(false);
    expect(pollInterval(health())).toBe(false);
    expect(pollInterval(health({ running: check({ outcome: 'running' }) }))).toBe(2_000);
  });

  it('blocks vacuum while another check runs or the disk lacks twice the database', () => {
    expect(vacuumBlocked(health())).toBeNull();
    expect(vacuumBlocked(health({}, 9_999))).toBe('not enough free disk space');
    expect(vacuumBlocked(health({ running: check({ kind: 'optimize', outcome: 'queued' }) }))).toBe(
      'Optimize is queued',
    );
    expect(vacuumBlocked(undefined)).toBe('loading');
  });

  it('finds the last check of a kind', () => {
    const vacuum = check({ id: 7, kind: 'vacuum', outcome: 'ok' });
    expect(lastOf(health({ last: [check({ id: 3, outcome: 'problems' }), vacuum] }), 'vacuum')).toBe(vacuum);
    expect(lastOf(health(), 'optimize')).toBeUndefined();
  });

  it('shows capped row counts as a lower bound', () => {
    expect(formatRows({ name: 'jobrunr_jobs', rows: 100_000, capped: true })).toBe('≥ 100,000');
    expect(formatRows({ name: 'admins', rows: 1_234, capped: false })).toBe('1,234');
  });

  it('colours outcomes and knows which are unfinished', () => {
    expect(outcomeColor('ok')).toBe('green');
    expect(outcomeColor('problems')).toBe('red');
    expect(outcomeColor('interrupted')).toBe('orange');
    expect(isUnfinished('running')).toBe(true);
    expect(isUnfinished('failed')).toBe(false);
  });
});
