package dev.vigil.jobs;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * A recurring maintenance job, by name. Public and serialisable because JobRunr stores it
 * as JSON.
 *
 * @param task one of {@link MaintenanceTasks#schedules()}' names
 */
public record MaintenanceTask(String task) implements JobRequest {

	/** What {@code %0} shows in the job's name. */
	@Override
	public String toString() {
		return this.task;
	}

	@Override
	public Class<MaintenanceTasks> getJobRequestHandler() {
		return MaintenanceTasks.class;
	}

}
