import type { CronTask, RunOutcome } from '../types';

export interface Badge {
  label: string;
  color: string;
}

/**
 * What the task list says about a task now: overrunning wins (someone should look), then running,
 * then paused; otherwise how its last run ended, or nothing before its first run.
 */
export function taskBadge(task: CronTask): Badge | null {
  if (task.overrunning) return { label: 'Overrunning', color: 'red' };
  if (task.running_since) return { label: 'Running', color: 'indigo' };
  if (task.paused) return { label: 'Paused', color: 'yellow' };
  return task.last_outcome ? outcomeBadge(task.last_outcome) : null;
}

export function outcomeBadge(outcome: RunOutcome | string): Badge {
  switch (outcome) {
    case 'running':
      return { label: 'Running', color: 'indigo' };
    case 'succeeded':
      return { label: 'Succeeded', color: 'green' };
    case 'failed':
      return { label: 'Failed', color: 'red' };
    case 'timed_out':
      return { label: 'Timed out', color: 'orange' };
    default:
      return { label: outcome, color: 'gray' };
  }
}

/** 850 → "850 ms", 12_300 → "12.3 s", 754_000 → "12 min 34 s", 3_900_000 → "1 h 5 min". */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return seconds > 0 ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

/** A timeout in whole seconds as it is configured: 600 → "10 min", 3600 → "1 h", 2 → "2 s". */
export function formatTimeout(seconds: number | undefined): string | null {
  if (seconds === undefined) return null;
  return formatDuration(seconds * 1000).replace('.0 s', ' s');
}
