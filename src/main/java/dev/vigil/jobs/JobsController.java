package dev.vigil.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.RecurringJob;
import org.jobrunr.jobs.states.FailedState;
import org.jobrunr.jobs.states.ProcessingState;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.storage.JobNotFoundException;

import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.navigation.OffsetBasedPageRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.vigil.ConflictException;
import dev.vigil.NotFoundException;
import dev.vigil.audit.AuditLog;
import dev.vigil.auth.CurrentAdmin;
import dev.vigil.auth.Scopes;
import dev.vigil.web.ApiException;
import dev.vigil.web.BulkIds;
import dev.vigil.web.BulkResult;
import dev.vigil.web.ListQuery;
import dev.vigil.web.Ok;

/**
 * The job queue and the recurring jobs (scope {@code admin:jobs}, enforced by the
 * security chain).
 */
@RestController
@RequestMapping("/api/admin")
class JobsController {

	private final StorageProvider storage;

	private final JobRequestScheduler scheduler;

	private final JobQueue queue;

	private final AuditExports exports;

	private final AuditLog audit;

	private final RecurringTasks tasks;

	private final TaskRunRepository runs;

	private final RunningTasks running;

	private final MaintenanceTasks maintenance;

	private final Clock clock;

	JobsController(StorageProvider storage, JobRequestScheduler scheduler, JobQueue queue, AuditExports exports,
			AuditLog audit, RecurringTasks tasks, TaskRunRepository runs, RunningTasks running,
			MaintenanceTasks maintenance, Clock clock) {
		this.storage = storage;
		this.scheduler = scheduler;
		this.queue = queue;
		this.exports = exports;
		this.audit = audit;
		this.tasks = tasks;
		this.runs = runs;
		this.running = running;
		this.maintenance = maintenance;
		this.clock = clock;
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	/** {@code attempts}: how many times the job started processing (retries included). */
	record JobView(UUID id, String name, String state, @Nullable String recurringJob, @Nullable String error,
			int attempts, Instant createdAt, Instant updatedAt) {

		static JobView of(Job job) {
			String error = job.getLastJobStateOfType(FailedState.class)
				.map((f) -> f.getExceptionType() + ": " + f.getExceptionMessage())
				.orElse(null);
			return new JobView(job.getId(), job.getJobName(), job.getState().name().toLowerCase(Locale.ROOT),
					job.getRecurringJobId().orElse(null), error,
					(int) job.getJobStates().stream().filter(ProcessingState.class::isInstance).count(),
					job.getCreatedAt(), job.getUpdatedAt());
		}

	}

	/**
	 * A recurring job.
	 *
	 * @param nextRun absent while paused
	 * @param timeoutSeconds for maintenance tasks, how long a run may take
	 * @param runningSince start of the run in progress
	 * @param overrunning a run is going on past its timeout
	 * @param lastOutcome of the newest recorded run: running, succeeded, failed,
	 * timed_out
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record CronView(String name, String job, String schedule, @Nullable Instant nextRun, @Nullable Instant lastRun,
			boolean paused, @Nullable Instant pausedAt, @Nullable Long timeoutSeconds, @Nullable Instant runningSince,
			boolean overrunning, @Nullable String lastOutcome) {
	}

	/**
	 * One run of a recurring job.
	 *
	 * @param durationMs absent while running
	 * @param outcome running, succeeded, failed or timed_out
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record RunView(UUID jobId, Instant startedAt, @Nullable Instant finishedAt, @Nullable Long durationMs,
			String outcome, @Nullable String error) {

		static RunView of(TaskRunRepository.Run run) {
			Long duration = (run.finishedAt() != null) ? Duration.between(run.startedAt(), run.finishedAt()).toMillis()
					: null;
			return new RunView(run.jobId(), run.startedAt(), run.finishedAt(), duration, run.outcome(), run.error());
		}

	}

	record Runs(List<RunView> runs) {
	}

	/** Why a job failed, from its last failed attempt. */
	record Failure(String type, String message, String stackTrace, Instant failedAt) {
	}

	/** A job with its last failure, stack trace included. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record JobDetail(JobView job, @Nullable Failure failure) {
	}

	/**
	 * @param queued waiting to run: enqueued or scheduled
	 */
	record Stats(QueueStats stats, long queued) {
	}

	record Page(List<JobView> jobs, long total) {
	}

	record CronList(List<CronView> cron) {
	}

	/**
	 * @param jobId the job that will do the work
	 */
	record Queued(boolean ok, UUID jobId) {
	}

	@GetMapping("/queue/stats")
	Stats stats() {
		QueueStats stats = this.queue.stats();
		return new Stats(stats, stats.queued());
	}

	@GetMapping("/queue/jobs")
	Page jobs(@RequestParam(defaultValue = "enqueued") String status,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable Integer offset) {
		ListQuery paging = ListQuery.page(limit, offset);
		org.jobrunr.storage.Page<Job> page = this.storage.getJobs(state(status),
				new OffsetBasedPageRequest("updatedAt:DESC", (long) paging.offset(), paging.limit()));
		return new Page(page.getItems().stream().map(JobView::of).toList(), page.getTotal());
	}

	@GetMapping("/queue/jobs/{id}")
	@ApiResponse(responseCode = "200", description = "The job and, if it failed, its error with the stack trace")
	@ApiResponse(responseCode = "404", description = "No such job")
	JobDetail job(@PathVariable UUID id) {
		Job job = find(id, true).orElseThrow();
		Failure failure = job.getLastJobStateOfType(FailedState.class)
			.map((f) -> new Failure(f.getExceptionType(), Objects.toString(f.getExceptionMessage(), ""),
					Objects.toString(f.getStackTrace(), ""), f.getCreatedAt()))
			.orElse(null);
		return new JobDetail(JobView.of(job), failure);
	}

	@PostMapping("/queue/jobs/{id}/retry")
	@ApiResponse(responseCode = "200", description = "Queued again")
	@ApiResponse(responseCode = "409", description = "Only failed or cancelled jobs can be retried")
	Ok retry(@PathVariable UUID id) {
		retryJob(id, true);
		return Ok.OK;
	}

	/**
	 * Cancels a waiting or failed job (JobRunr's soft delete: it moves to
	 * {@code deleted}).
	 */
	@DeleteMapping("/queue/jobs/{id}")
	Ok delete(@PathVariable UUID id) {
		deleteJob(id, true);
		return Ok.OK;
	}

	@PostMapping("/queue/jobs/bulk-retry")
	BulkResult bulkRetry(@RequestBody BulkIds<UUID> body) {
		return bulk(body, (id) -> retryJob(id, false));
	}

	@PostMapping("/queue/jobs/bulk-delete")
	BulkResult bulkDelete(@RequestBody BulkIds<UUID> body) {
		return bulk(body, (id) -> deleteJob(id, false));
	}

	/**
	 * Applies {@code action} to every id; ids that are gone or in the wrong state are
	 * skipped, not errors.
	 */
	private static BulkResult bulk(BulkIds<UUID> body, Predicate<UUID> action) {
		return BulkResult.of(body.validated().stream().filter(action).count());
	}

	/** Queues an audit-log export; its requester is notified with the download link. */
	@PostMapping("/queue/exports/audit")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Queued exportAudit(@AuthenticationPrincipal CurrentAdmin me) {
		if (!me.scopes().contains(Scopes.AUDIT)) {
			throw new ApiException(HttpStatus.FORBIDDEN, "insufficient permissions");
		}
		UUID id = this.scheduler.enqueue(new AuditExport(me.id())).asUUID();
		this.audit.record("audit.export", "job", id, "");
		return new Queued(true, id);
	}

	@GetMapping("/queue/exports/{name}")
	ResponseEntity<Resource> download(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String name) {
		var file = this.exports.file(name, me.id(), me.scopes().contains(Scopes.ADMINS))
			.orElseThrow(() -> new NotFoundException("export not found"));
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv"))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(new FileSystemResource(file));
	}

	@GetMapping("/cron")
	CronList cron() {
		Instant now = this.clock.instant();
		Map<String, TaskRunRepository.Run> latest = this.runs.latest();
		Map<String, TaskRunRepository.Pause> pauses = new HashMap<>();
		this.runs.pauses().forEach((pause) -> pauses.put(pause.task(), pause));
		List<RecurringJob> all = new ArrayList<>(this.tasks.active());
		all.addAll(this.tasks.paused());
		all.sort(Comparator.comparing(RecurringJob::getId));
		List<CronView> jobs = new ArrayList<>();
		for (RecurringJob job : all) {
			String name = job.getId();
			TaskRunRepository.Pause pause = pauses.get(name);
			boolean maintenance = this.maintenance.schedules().containsKey(name);
			TaskRunRepository.Run newest = latest.get(name);
			// Manual runs are in the history; JobRunr's answer covers older ones.
			Instant last = (newest != null) ? newest.startedAt() : this.storage.getRecurringJobLatestScheduledInstant(
					name, StateName.SUCCEEDED, StateName.FAILED, StateName.PROCESSING);
			Optional<RunningTasks.Work> work = this.running.running(name);
			Instant runningSince = work.map(RunningTasks.Work::startedAt)
				.orElse((newest != null && newest.outcome().equals("running")) ? newest.startedAt() : null);
			jobs.add(new CronView(name, job.getJobName(), job.getScheduleExpression(),
					(pause != null) ? null : job.getNextRun(), last, pause != null,
					(pause != null) ? pause.pausedAt() : null,
					maintenance ? this.maintenance.timeout(name).toSeconds() : null, runningSince,
					work.map((w) -> w.overrunning(now)).orElse(false), (newest != null) ? newest.outcome() : null));
		}
		return new CronList(jobs);
	}

	/** Runs the job now, even while paused. */
	@PostMapping("/cron/{name}/trigger")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Queued trigger(@PathVariable String name) {
		Job job = this.tasks.trigger(name);
		this.audit.record("cron.trigger", "cron", name, job.getId().toString());
		return new Queued(true, job.getId());
	}

	/** Stops scheduling the job (across restarts) until resumed; idempotent. */
	@PostMapping("/cron/{name}/pause")
	@ApiResponse(responseCode = "200", description = "Paused (or already was)")
	@ApiResponse(responseCode = "403", description = "The backup task needs admin:backups")
	@ApiResponse(responseCode = "404", description = "No such recurring job")
	Ok pause(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String name) {
		requireBackupsScopeFor(me, name);
		if (this.tasks.pause(name)) {
			this.audit.record("cron.pause", "cron", name, "");
		}
		return Ok.OK;
	}

	@PostMapping("/cron/{name}/resume")
	@ApiResponse(responseCode = "200", description = "Scheduled again (or was not paused)")
	@ApiResponse(responseCode = "403", description = "The backup task needs admin:backups")
	@ApiResponse(responseCode = "404", description = "No such recurring job")
	Ok resume(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String name) {
		requireBackupsScopeFor(me, name);
		if (this.tasks.resume(name)) {
			this.audit.record("cron.resume", "cron", name, "");
		}
		return Ok.OK;
	}

	/**
	 * Backups are the superadmins' (admin:backups): whoever may not make or delete them
	 * may not stop the scheduled one either.
	 */
	private static void requireBackupsScopeFor(CurrentAdmin me, String task) {
		if (MaintenanceTasks.BACKUP.equals(task) && !me.scopes().contains(Scopes.BACKUPS)) {
			throw new ApiException(HttpStatus.FORBIDDEN, "pausing the backup task needs the admin:backups scope");
		}
	}

	/** The job's last runs, newest first (at most 50 are kept). */
	@GetMapping("/cron/{name}/runs")
	@ApiResponse(responseCode = "200", description = "Newest first")
	@ApiResponse(responseCode = "404", description = "No such recurring job")
	Runs runs(@PathVariable String name, @RequestParam(required = false) @Nullable Integer limit) {
		if (this.tasks.active(name).isEmpty() && this.runs.pauseOf(name).isEmpty()) {
			throw new NotFoundException("recurring job not found");
		}
		int size = ListQuery.page(limit, 0).limit();
		return new Runs(
				this.runs.runs(name, Math.min(size, TaskRunRepository.KEPT_RUNS)).stream().map(RunView::of).toList());
	}

	private boolean retryJob(UUID id, boolean strict) {
		Optional<Job> found = find(id, strict);
		if (found.isEmpty()) {
			return false;
		}
		Job job = found.get();
		if (job.getState() != StateName.FAILED && job.getState() != StateName.DELETED) {
			if (strict) {
				throw new ConflictException("only failed or cancelled jobs can be retried");
			}
			return false;
		}
		job.enqueue();
		this.storage.save(job);
		this.audit.record("job.retry", "job", id, job.getJobName());
		return true;
	}

	private boolean deleteJob(UUID id, boolean strict) {
		Optional<Job> found = find(id, strict);
		if (found.isEmpty()) {
			return false;
		}
		if (found.get().getState() == StateName.DELETED) {
			return true;
		}
		this.scheduler.delete(id, "cancelled by an admin");
		this.audit.record("job.cancel", "job", id, found.get().getJobName());
		return true;
	}

	private Optional<Job> find(UUID id, boolean strict) {
		try {
			return Optional.of(this.storage.getJobById(id));
		}
		catch (JobNotFoundException ex) {
			if (strict) {
				throw new NotFoundException("job not found");
			}
			return Optional.empty();
		}
	}

	private static StateName state(String status) {
		try {
			return StateName.valueOf(status.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw ApiException
				.badRequest("invalid status: one of enqueued, scheduled, processing, succeeded, failed, deleted");
		}
	}

}
