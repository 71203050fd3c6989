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
  /** Not sent by the server yet; shown when present. */
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
  next_run?: string;
  last_run?: string;
}

export const jobKeys = {
  all: ['jobs'] as const,
  stats: ['jobs', 'stats'] as const,
  lists: ['jobs', 'list'] as const,
  list: (status: JobStatus, limit: number, offset: number) => ['jobs', 'list', status, limit, offset] as const,
  cron: ['jobs', 'cron'] as const,
};
