package dev.vigil.jobs;

import java.time.Clock;
import java.time.Duration;

import org.jobrunr.storage.JobStats;
import org.jobrunr.storage.StorageProvider;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The jobs module's API for other features: queue statistics. */
@Service
public class JobQueue {

	private final StorageProvider storage;

	private final JdbcClient jdbc;

	private final Clock clock;

	JobQueue(StorageProvider storage, JdbcClient jdbc, Clock clock) {
		this.storage = storage;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public QueueStats stats() {
		JobStats stats = this.storage.getJobStats();
		long since = this.clock.millis() - Duration.ofHours(24).toMillis();
		// JobRunr stores timestamps through the driver, which xerial writes as epoch
		// milliseconds.
		long failedLast24h = this.jdbc
			.sql("SELECT count(*) FROM jobrunr_jobs WHERE state = 'FAILED' AND updatedAt >= :since")
			.param("since", since)
			.query(Long.class)
			.single();
		return new QueueStats(stats.getEnqueued(), stats.getScheduled(), stats.getProcessing(), stats.getSucceeded(),
				stats.getFailed(), failedLast24h, stats.getRecurringJobs());
	}

}
