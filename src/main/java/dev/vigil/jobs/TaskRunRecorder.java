package dev.vigil.jobs;

import java.lang.reflect.InvocationTargetException;
import java.time.Clock;

import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.filters.JobServerFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each run of a recurring job (scheduled or triggered by hand) in the task's
 * history: start on processing, outcome and error when it ends.
 */
final class TaskRunRecorder implements JobServerFilter {

	private static final Logger log = LoggerFactory.getLogger(TaskRunRecorder.class);

	private final TaskRunRepository runs;

	private final Clock clock;

	TaskRunRecorder(TaskRunRepository runs, Clock clock) {
		this.runs = runs;
		this.clock = clock;
	}

	@Override
	public void onProcessing(Job job) {
		job.getRecurringJobId()
			.ifPresent((task) -> safely(job, () -> this.runs.started(task, job.getId(), this.clock.instant())));
	}

	@Override
	public void onProcessingSucceeded(Job job) {
		if (job.getRecurringJobId().isPresent()) {
			safely(job, () -> this.runs.finished(job.getId(), this.clock.instant(), "succeeded", null));
		}
	}

	@Override
	public void onProcessingFailed(Job job, Exception exception) {
		if (job.getRecurringJobId().isPresent()) {
			safely(job, () -> failed(job, exception));
		}
	}

	/** The history is a record of the run, never a reason for it to fail. */
	private static void safely(Job job, Runnable write) {
		try {
			write.run();
		}
		catch (RuntimeException ex) {
			log.warn("could not record a run of {} in its history", job.getJobName(), ex);
		}
	}

	private void failed(Job job, Exception exception) {
		Throwable cause = exception;
		while (cause != null) {
			if (cause instanceof TaskTimedOutException timedOut) {
				this.runs.finished(job.getId(), this.clock.instant(), "timed_out", timedOut.getMessage());
				return;
			}
			cause = cause.getCause();
		}
		Throwable root = exception;
		// JobRunr wraps what the job threw when it invokes it by reflection.
		while (root.getCause() != null && (root instanceof InvocationTargetException
				|| root.getClass().getName().startsWith("org.jobrunr."))) {
			root = root.getCause();
		}
		this.runs.finished(job.getId(), this.clock.instant(), "failed",
				root.getClass().getName() + ": " + root.getMessage());
	}

}
