import type { Job, JobStatus, QueueStats } from '../types';

export interface StatusInfo {
  value: JobStatus;
  label: string;
  color: string;
}

/** The list tabs, in the order a job moves through them. */
export const STATUSES: StatusInfo[] = [
  { value: 'enqueued', label: 'Enqueued', color: 'blue' },
  { value: 'scheduled', label: 'Scheduled', color: 'cyan' },
  { value: 'processing', label: 'Running', color: 'indigo' },
  { value: 'succeeded', label: 'Succeeded', color: 'green' },
  { value: 'failed', label: 'Failed', color: 'red' },
  { value: 'deleted', label: 'Cancelled', color: 'gray' },
];

export function statusInfo(status: string): StatusInfo {
  return STATUSES.find((s) => s.value === status) ?? { value: status as JobStatus, label: status, color: 'gray' };
}

export function isJobStatus(value: string | null | undefined): value is JobStatus {
  return STATUSES.some((s) => s.value === value);
}

/** How many jobs the stats report for a tab; unknown (deleted is not counted by JobRunr's stats) → null. */
export function countFor(stats: QueueStats | undefined, status: JobStatus): number | null {
  if (!stats) return null;
  switch (status) {
    case 'enqueued':
      return stats.enqueued;
    case 'scheduled':
      return stats.scheduled;
    case 'processing':
      return stats.processing;
    case 'succeeded':
      return stats.succeeded;
    case 'failed':
      return stats.failed;
    default:
      return null;
  }
}

/** The server retries failed or cancelled jobs only (409 otherwise). */
export const canRetry = (job: Pick<Job, 'state'>) => job.state === 'failed' || job.state === 'deleted';

/** Cancelling is for jobs that have not run (or failed for good); running or finished ones are left alone. */
export const canCancel = (job: Pick<Job, 'state'>) =>
  job.state === 'enqueued' || job.state === 'scheduled' || job.state === 'failed';

/** Whether jobs in this status can be retried or cancelled at all (so rows get checkboxes). */
export const hasBulkActions = (status: JobStatus) => canRetry({ state: status }) || canCancel({ state: status });

/** The server's bulk limit (BulkIds). */
export const BULK_MAX = 100;

/** Ids of `jobs` among `selected` that an action applies to, at most BULK_MAX. */
export function actionable(jobs: Job[], selected: ReadonlySet<string>, allowed: (job: Job) => boolean): string[] {
  return jobs
    .filter((job) => selected.has(job.id) && allowed(job))
    .map((job) => job.id)
    .slice(0, BULK_MAX);
}

/**
 * How a job's last error reads: the reason it `failed`; what a waiting job is `retrying` after; or a
 * `past` failure of a job that has since been retried (or cancelled). Null without an error.
 */
export function errorKind(job: Pick<Job, 'state' | 'error'>): 'failed' | 'retrying' | 'past' | null {
  if (!job.error) return null;
  if (job.state === 'failed') return 'failed';
  if (job.state === 'scheduled' || job.state === 'enqueued') return 'retrying';
  return 'past';
}
