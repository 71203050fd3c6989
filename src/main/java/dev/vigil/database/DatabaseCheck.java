package dev.vigil.database;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * Run database check {@code checkId} (a row of {@code database_checks}). Public and
 * serialisable because JobRunr stores it as JSON.
 *
 * @param checkId the check's id
 * @param kind its kind, for the job's name
 */
public record DatabaseCheck(long checkId, String kind) implements JobRequest {

	/** What {@code %0} shows in the job's name. */
	@Override
	public String toString() {
		return this.kind;
	}

	@Override
	public Class<DatabaseCheckRunner> getJobRequestHandler() {
		return DatabaseCheckRunner.class;
	}

}
