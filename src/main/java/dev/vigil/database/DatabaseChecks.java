package dev.vigil.database;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.storage.JobNotFoundException;
import org.jobrunr.storage.StorageProvider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import dev.vigil.ConflictException;
import dev.vigil.database.DatabaseCheckRepository.Row;

/**
 * Starts database checks as JobRunr jobs, one at a time, and keeps their outcome.
 * <p>
 * A check's row is written before its job is enqueued; the unique index on unfinished
 * rows is the one-at-a-time rule. A row whose job ended without writing a result (the job
 * deleted from the queue, or lost) is closed as {@code interrupted} the next time anyone
 * looks, so it cannot block checks forever.
 */
@Service
class DatabaseChecks {

	private static final Logger log = LoggerFactory.getLogger(DatabaseChecks.class);

	/** Job states after which the handler will not run again by itself. */
	private static final Set<StateName> ENDED = EnumSet.of(StateName.SUCCEEDED, StateName.FAILED, StateName.DELETED);

	/**
	 * How long a row may wait for its job to appear: the row is inserted just before the
	 * job is enqueued.
	 */
	private static final Duration ENQUEUE_GRACE = Duration.ofMinutes(1);

	private final DatabaseCheckRepository repository;

	private final DatabaseFigures figures;

	private final JobRequestScheduler scheduler;

	private final StorageProvider jobs;

	private final Clock clock;

	DatabaseChecks(DatabaseCheckRepository repository, DatabaseFigures figures, JobRequestScheduler scheduler,
			StorageProvider jobs, Clock clock) {
		this.repository = repository;
		this.figures = figures;
		this.scheduler = scheduler;
		this.jobs = jobs;
		this.clock = clock;
	}

	/**
	 * Queues a check.
	 * @throws ConflictException when a check is queued or running, or a VACUUM lacks disk
	 * space
	 */
	Row request(CheckKind kind, @Nullable Long adminId) {
		Optional<Row> unfinished = unfinished();
		if (unfinished.isPresent()) {
			throw busy(unfinished.get());
		}
		if (kind == CheckKind.VACUUM) {
			requireSpaceForVacuum();
		}
		UUID jobId = UUID.randomUUID();
		long id = this.repository.insertQueued(kind, jobId, adminId, this.clock.instant())
			.orElseThrow(() -> busy(unfinished().orElse(null)));
		try {
			this.scheduler.enqueue(jobId, new DatabaseCheck(id, kind.id()));
		}
		catch (RuntimeException ex) {
			this.repository.finish(id, "failed", "could not queue the job: " + ex.getMessage(), this.clock.instant());
			throw ex;
		}
		return this.repository.find(id).orElseThrow();
	}

	/** The queued or running check, after closing one whose job has ended. */
	Optional<Row> unfinished() {
		Optional<Row> row = this.repository.unfinished();
		if (row.isEmpty()) {
			return row;
		}
		String ended = jobEnded(row.get());
		if (ended == null) {
			return row;
		}
		log.warn("database check {} ({}) closed as interrupted: {}", row.get().id(), row.get().kind().id(), ended);
		this.repository.finish(row.get().id(), "interrupted", ended, this.clock.instant());
		return this.repository.unfinished();
	}

	List<Row> recent(int limit) {
		return this.repository.recent(limit);
	}

	List<Row> lastOfEachKind() {
		return this.repository.lastOfEachKind();
	}

	/** Why the row's job will not finish it, or null while it may. */
	private @Nullable String jobEnded(Row row) {
		Job job;
		try {
			job = this.jobs.getJobById(row.jobId());
		}
		catch (JobNotFoundException ex) {
			boolean young = row.requestedAt().plus(ENQUEUE_GRACE).isAfter(this.clock.instant());
			return young ? null : "its job is gone from the queue";
		}
		if (!ENDED.contains(job.getState())) {
			return null;
		}
		// The handler finishes the row before the job is marked done: re-read to not
		// race it.
		if (this.repository.find(row.id()).map(Row::finished).orElse(true)) {
			return null;
		}
		return "its job ended (" + job.getState().name().toLowerCase(java.util.Locale.ROOT) + ") without a result";
	}

	void requireSpaceForVacuum() {
		DatabaseFigures.Sizes sizes = this.figures.sizes();
		if (sizes.diskFreeBytes() < sizes.vacuumNeedsBytes()) {
			throw new ConflictException(
					"not enough free disk space for VACUUM: it needs up to " + Bytes.format(sizes.vacuumNeedsBytes())
							+ " (twice the database), the disk has " + Bytes.format(sizes.diskFreeBytes()) + " free");
		}
	}

	private static ConflictException busy(@Nullable Row running) {
		if (running == null) {
			return new ConflictException("another database check is running");
		}
		return new ConflictException(
				"a database check is already " + running.outcome() + ": " + running.kind().id() + " #" + running.id());
	}

}
