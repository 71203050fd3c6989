package dev.vigil.jobs;

import java.lang.reflect.InvocationTargetException;
import java.time.Clock;

import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.filters.JobServerFilter;

/**
 * Records each run of a recurring job (scheduled or triggered by hand) in the task's
 * history: start on processing, outcome and error when it ends.
 */
final class TaskRunRecorder implements JobServerFilter {

	private final TaskRunRepository runs;

	private final Clock clock;

	TaskRunRecorder(TaskRunRepository runs, Clock clock) {
		this.runs = runs;
		this.clock = clock;
	}

	@Override
	public void onProcessing(Job job) {
		job.getRecurringJobId().ifPresent((task) -> this.runs.started(task, job.getId(), this.clock.instant()));
	}

	@Override
	public void onProcessingSucceeded(Job job) {
		if (job.getRecurringJobId().isPresent()) {
			this.runs.finished(job.getId(), this.clock.instant(), "succeeded", null);
		}
	}

	@Override
	public void onProcessingFailed(Job job, Exception exception) {
		if (job.getRecurringJobId().isEmpty()) {
			return;
		}
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
