/** GET /api/admin/queue/stats → stats (QueueStats.java, snake_case). */
export interface QueueStats {
  enqueued: number;
  scheduled: number;
  processing: number;
  succeeded: number;
  failed: number;
  failed_last24h: number;
  recurring: number;
}

/** JobRunr states as the API names them (lowercase); `deleted` is what a cancel does. */
export type JobStatus = 'enqueued' | 'scheduled' | 'processing' | 'succeeded' | 'failed' | 'deleted';

/** One job (JobsController.JobView); null members are left out by the server. */
export interface Job {
  id: string;
  name: string;
  state: JobStatus;
  recurring_job?: string;
  /** "ExceptionType: message" of the last failure. */
  error?: string;
  created_at: string;
  updated_at: string;
  /** How many times it started processing (retries included). */
  attempts?: number;
}

export interface JobPage {
  jobs: Job[];
  total: number;
}

/** A recurring task (JobsController.CronView). */
export interface CronTask {
  name: string;
  job: string;
  schedule: string;
  /** Absent while paused. */
  next_run?: string;
  last_run?: string;
  paused: boolean;
  paused_at?: string;
  /** Maintenance tasks only: how long a run may take. */
  timeout_seconds?: number;
  /** Start of the run in progress. */
  running_since?: string;
  /** A run is still going past its timeout. */
  overrunning: boolean;
  last_outcome?: RunOutcome;
}

export type RunOutcome = 'running' | 'succeeded' | 'failed' | 'timed_out';

/** One run of a recurring task (JobsController.RunView). */
export interface TaskRun {
  job_id: string;
  started_at: string;
  finished_at?: string;
  duration_ms?: number;
  outcome: RunOutcome;
  error?: string;
}

/** GET /api/admin/queue/jobs/{id} (JobsController.JobDetail). */
export interface JobDetail {
  job: Job;
  failure?: { type: string; message: string; stack_trace: string; failed_at: string };
}

export const jobKeys = {
  all: ['jobs'] as const,
  stats: ['jobs', 'stats'] as const,
  lists: ['jobs', 'list'] as const,
  list: (status: JobStatus, limit: number, offset: number) => ['jobs', 'list', status, limit, offset] as const,
  cron: ['jobs', 'cron'] as const,
  cronRuns: (name: string) => ['jobs', 'cron', name, 'runs'] as const,
  detail: (id: string) => ['jobs', 'detail', id] as const,
};
