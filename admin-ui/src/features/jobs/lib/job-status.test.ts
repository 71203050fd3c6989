import { describe, expect, it } from 'vitest';
import type { Job } from '../types';
import {
  actionable,
  BULK_MAX,
  canCancel,
  canRetry,
  countFor,
  errorKind,
  hasBulkActions,
  isJobStatus,
  statusInfo,
} from './job-status';

const job = (id: string, state: Job['state']): Job => ({
  id,
  name: id,
  state,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
});

describe('job status', () => {
  it('knows the API statuses and labels cancelled jobs', () => {
    expect(isJobStatus('failed')).toBe(true);
    expect(isJobStatus('FAILED')).toBe(false);
    expect(isJobStatus(null)).toBe(false);
    expect(statusInfo('deleted').label).toBe('Cancelled');
    expect(statusInfo('weird').color).toBe('gray');
  });

  it('offers retry for failed or cancelled, cancel for waiting or failed', () => {
    expect(canRetry({ state: 'failed' })).toBe(true);
    expect(canRetry({ state: 'deleted' })).toBe(true);
    expect(canRetry({ state: 'succeeded' })).toBe(false);
    expect(canCancel({ state: 'enqueued' })).toBe(true);
    expect(canCancel({ state: 'scheduled' })).toBe(true);
    expect(canCancel({ state: 'processing' })).toBe(false);
    expect(canCancel({ state: 'deleted' })).toBe(false);
  });

  it('offers selection only where an action applies', () => {
    expect(hasBulkActions('failed')).toBe(true);
    expect(hasBulkActions('enqueued')).toBe(true);
    expect(hasBulkActions('deleted')).toBe(true);
    expect(hasBulkActions('succeeded')).toBe(false);
    expect(hasBulkActions('processing')).toBe(false);
  });

  it('reads tab counts from the stats', () => {
    const stats = {
      enqueued: 1,
      scheduled: 2,
      processing: 3,
      succeeded: 4,
      failed: 5,
      failed_last24h: 1,
      recurring: 4,
    };
    expect(countFor(stats, 'failed')).toBe(5);
    expect(countFor(stats, 'deleted')).toBeNull();
    expect(countFor(undefined, 'failed')).toBeNull();
  });
});

describe('bulk selection', () => {
  it('keeps only selected jobs the action applies to', () => {
    const jobs = [job('a', 'failed'), job('b', 'succeeded'), job('c', 'deleted'), job('d', 'failed')];
    expect(actionable(jobs, new Set(['a', 'b', 'c']), canRetry)).toEqual(['a', 'c']);
    expect(actionable(jobs, new Set(['a', 'b', 'c']), canCancel)).toEqual(['a']);
  });

  it('never asks for more than the server takes at once', () => {
    const many = Array.from({ length: 150 }, (_, i) => job(`j${i}`, 'failed'));
    expect(actionable(many, new Set(many.map((j) => j.id)), canRetry)).toHaveLength(BULK_MAX);
  });
});

describe('errorKind', () => {
  it('tells a current failure from a retry and from history', () => {
    expect(errorKind({ state: 'failed', error: 'E: x' })).toBe('failed');
    expect(errorKind({ state: 'scheduled', error: 'E: x' })).toBe('retrying');
    expect(errorKind({ state: 'enqueued', error: 'E: x' })).toBe('retrying');
    expect(errorKind({ state: 'succeeded', error: 'E: x' })).toBe('past');
    expect(errorKind({ state: 'failed' })).toBeNull();
  });
});
