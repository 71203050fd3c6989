package dev.vigil.jobs;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.RecurringJob;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.storage.StorageProvider;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import dev.vigil.NotFoundException;
import dev.vigil.storage.DatabaseRestoreFailed;
import dev.vigil.storage.DatabaseRestoring;

/**
 * Pausing and resuming recurring jobs. JobRunr OSS has no pause: a paused job is removed
 * from JobRunr (with its runs still waiting) and its definition kept in
 * {@code recurring_task_pauses}; resuming puts it back.
 */
@Service
class RecurringTasks {

	private static final Logger log = LoggerFactory.getLogger(RecurringTasks.class);

	private final StorageProvider storage;

	private final JobRequestScheduler scheduler;

	private final JobMapper mapper;

	private final TaskRunRepository repository;

	private final Clock clock;

	/** Guarded by {@code this}. */
	private @Nullable Configuration beforeRestore;

	RecurringTasks(StorageProvider storage, JobRequestScheduler scheduler, JobMapper mapper,
			TaskRunRepository repository, Clock clock) {
		this.storage = storage;
		this.scheduler = scheduler;
		this.mapper = mapper;
		this.repository = repository;
		this.clock = clock;
	}

	/** The recurring jobs JobRunr schedules now (paused ones are not among them). */
	List<RecurringJob> active() {
		return this.storage.getRecurringJobs();
	}

	Optional<RecurringJob> active(String task) {
		return active().stream().filter((job) -> job.getId().equals(task)).findFirst();
	}

	/** Paused tasks with the definition each had when paused. */
	List<RecurringJob> paused() {
		return this.repository.pauses()
			.stream()
			.map((pause) -> this.mapper.deserializeRecurringJob(pause.definition()))
			.toList();
	}

	/**
	 * Pauses the task; false if it already was.
	 * @throws NotFoundException no such recurring job
	 */
	synchronized boolean pause(String task) {
		Optional<RecurringJob> job = active(task);
		if (job.isEmpty()) {
			if (this.repository.pauseOf(task).isPresent()) {
				return false;
			}
			throw new NotFoundException("recurring job not found");
		}
		this.repository.pause(task, this.mapper.serializeRecurringJob(job.get()), this.clock.instant());
		unschedule(task);
		return true;
	}

	/**
	 * Resumes the task; false if it was not paused.
	 * @throws NotFoundException no such recurring job
	 */
	synchronized boolean resume(String task) {
		Optional<TaskRunRepository.Pause> pause = this.repository.pauseOf(task);
		if (pause.isEmpty()) {
			if (active(task).isPresent()) {
				return false;
			}
			throw new NotFoundException("recurring job not found");
		}
		this.storage.saveRecurringJob(this.mapper.deserializeRecurringJob(pause.get().definition()));
		this.repository.resume(task);
		return true;
	}

	/** Runs the task now, paused or not (an operator's explicit request). */
	synchronized Job trigger(String task) {
		RecurringJob recurring = active(task)
			.or(() -> this.repository.pauseOf(task)
				.map((pause) -> this.mapper.deserializeRecurringJob(pause.definition())))
			.orElseThrow(() -> new NotFoundException("recurring job not found"));
		return this.storage.save(recurring.toEnqueuedJob());
	}

	/**
	 * After every module has (re)registered its recurring jobs at start, takes the paused
	 * ones out again, keeping their fresh definition (a changed schedule applies on
	 * resume).
	 */
	@EventListener(ApplicationReadyEvent.class)
	void applyPausesAtStart() {
		for (TaskRunRepository.Pause pause : this.repository.pauses()) {
			active(pause.task()).ifPresent((job) -> this.repository.pause(pause.task(),
					this.mapper.serializeRecurringJob(job), pause.pausedAt()));
			unschedule(pause.task());
		}
		// Runs begun before this process started belong to one that is gone.
		Instant processStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
		int abandoned = this.repository.abandoned(processStart, this.clock.instant());
		if (abandoned > 0) {
			log.warn("{} recurring task runs were cut short by the last shutdown", abandoned);
		}
	}

	/**
	 * Which recurring jobs run and which are paused is the server's configuration now,
	 * not the backup's (a schedule set by the environment, a pause made since): taken
	 * before a restore and put back after it.
	 */
	@EventListener
	synchronized void beforeRestore(DatabaseRestoring event) {
		this.beforeRestore = new Configuration(active(), this.repository.pauses());
	}

	@EventListener
	synchronized void restoreFailed(DatabaseRestoreFailed event) {
		this.beforeRestore = null;
	}

	/** After a restore, before the job server resumes ({@link JobServerRestorePause}). */
	synchronized void carryOverRestore() {
		Configuration before = this.beforeRestore;
		this.beforeRestore = null;
		if (before == null) {
			return;
		}
		Set<String> paused = before.pauses().stream().map(TaskRunRepository.Pause::task).collect(Collectors.toSet());
		Set<String> known = new HashSet<>(paused);
		before.active().forEach((job) -> known.add(job.getId()));
		for (RecurringJob job : active()) {
			if (!known.contains(job.getId())) {
				unschedule(job.getId());
			}
		}
		for (TaskRunRepository.Pause pause : this.repository.pauses()) {
			if (!paused.contains(pause.task())) {
				this.repository.resume(pause.task());
			}
		}
		before.active().forEach(this.storage::saveRecurringJob);
		for (TaskRunRepository.Pause pause : before.pauses()) {
			this.repository.pause(pause.task(), pause.definition(), pause.pausedAt());
			unschedule(pause.task());
		}
		// The job server stopped its workers for the swap: no run the backup recorded as
		// running goes on.
		int closed = this.repository.abandoned(this.clock.instant(), this.clock.instant());
		log.info("recurring tasks carried over the restore: {} active, {} paused; {} runs of the backup closed",
				before.active().size(), before.pauses().size(), closed);
	}

	private record Configuration(List<RecurringJob> active, List<TaskRunRepository.Pause> pauses) {
	}

	private void unschedule(String task) {
		this.scheduler.deleteRecurringJob(task);
		// JobRunr schedules a recurring job's next run ahead of time.
		for (var id : this.repository.pendingJobs(task)) {
			this.scheduler.delete(id, "recurring task paused");
		}
	}

}
