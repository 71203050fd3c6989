package dev.vigil.jobs;

/**
 * Job counts by state, as the dashboard and {@code /api/admin/queue/stats} show them.
 *
 * @param failedLast24h jobs that failed for good during the last 24 hours
 */
public record QueueStats(long enqueued, long scheduled, long processing, long succeeded, long failed,
		long failedLast24h, long recurring) {

	/**
	 * Waiting to run: enqueued now or scheduled for later (the reference's
	 * {@code queued_jobs}).
	 */
	public long queued() {
		return this.enqueued + this.scheduled;
	}

}
