import { describe, expect, it } from 'vitest';
import type { CronTask } from '../types';
import { formatDuration, formatTimeout, outcomeBadge, taskBadge } from './task-state';

const task = (over: Partial<CronTask>): CronTask => ({
  name: 'backup',
  job: 'maintenance: backup',
  schedule: '0 2 * * *',
  paused: false,
  overrunning: false,
  ...over,
});

describe('taskBadge', () => {
  it('says nothing before the first run', () => {
    expect(taskBadge(task({}))).toBeNull();
  });

  it('shows the last outcome of an idle task', () => {
    expect(taskBadge(task({ last_outcome: 'timed_out' }))).toEqual({ label: 'Timed out', color: 'orange' });
  });

  it('puts overrunning before running and running before paused', () => {
    const running = { running_since: '2026-12-06T10:00:00Z', paused: true };
    expect(taskBadge(task({ ...running, overrunning: true }))?.label).toBe('Overrunning');
    expect(taskBadge(task(running))?.label).toBe('Running');
    expect(taskBadge(task({ paused: true, last_outcome: 'failed' }))?.label).toBe('Paused');
  });
});

describe('outcomeBadge', () => {
  it('names every outcome and passes an unknown one through', () => {
    expect(outcomeBadge('succeeded').color).toBe('green');
    expect(outcomeBadge('failed').color).toBe('red');
    expect(outcomeBadge('something-new')).toEqual({ label: 'something-new', color: 'gray' });
  });
});

describe('formatDuration', () => {
  it('reads at the scale of the duration', () => {
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_300)).toBe('12.3 s');
    expect(formatDuration(754_000)).toBe('12 min 34 s');
    expect(formatDuration(600_000)).toBe('10 min');
    expect(formatDuration(3_900_000)).toBe('1 h 5 min');
  });
});

describe('formatTimeout', () => {
  it('reads whole seconds without a decimal', () => {
    expect(formatTimeout(undefined)).toBeNull();
    expect(formatTimeout(2)).toBe('2 s');
    expect(formatTimeout(600)).toBe('10 min');
    expect(formatTimeout(3600)).toBe('1 h');
  });
});
