package dev.vigil.jobs;

import java.util.Map;

import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.filters.JobServerFilter;
import org.jobrunr.jobs.states.FailedState;

import dev.vigil.auth.Roles;
import dev.vigil.notifications.NotificationService;

/** Tells every superadmin when a job has failed for good (retries exhausted). */
final class JobFailureNotifier implements JobServerFilter {

	private final NotificationService notifications;

	JobFailureNotifier(NotificationService notifications) {
		this.notifications = notifications;
	}

	@Override
	public void onFailedAfterRetries(Job job) {
		String error = job.getLastJobStateOfType(FailedState.class)
			.map((failed) -> failed.getExceptionType() + ": " + failed.getExceptionMessage())
			.orElse("unknown error");
		this.notifications.notifyRole(Roles.SUPERADMIN, "error", "Job failed: " + job.getJobName(),
				"The job failed after all its retries. " + error,
				Map.of("job_id", job.getId().toString(), "type", job.getJobName(), "error", error));
	}

}
