package dev.vigil.jobs;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jobrunr.storage.JobStats;
import org.jobrunr.storage.StorageProvider;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import dev.vigil.storage.Database;

/** The jobs module's API for other features: queue statistics. */
@Service
public class JobQueue {

	private final StorageProvider storage;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Database database;

	JobQueue(StorageProvider storage, JdbcClient jdbc, Clock clock, Database database) {
		this.database = database;
		this.storage = storage;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public QueueStats stats() {
		JobStats stats = this.storage.getJobStats();
		Instant since = this.clock.instant().minus(Duration.ofHours(24));
		// JobRunr stores timestamps through the driver: xerial writes epoch milliseconds,
		// PostgreSQL's a TIMESTAMP column (JobRunr's own JDBC Timestamp, compared alike).
		long failedLast24h = this.jdbc
			.sql("SELECT count(*) FROM jobrunr_jobs WHERE state = 'FAILED' AND updatedAt >= :since")
			.param("since", this.database.isSqlite() ? since.toEpochMilli() : Timestamp.from(since))
			.query(Long.class)
			.single();
		return new QueueStats(stats.getEnqueued(), stats.getScheduled(), stats.getProcessing(), stats.getSucceeded(),
				stats.getFailed(), failedLast24h, stats.getRecurringJobs());
	}

}
