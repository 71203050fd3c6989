package dev.vigil.jobs;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * Export the audit log to a CSV file for {@code adminId}, who is notified with the link.
 */
public record AuditExport(long adminId) implements JobRequest {

	/** What {@code %0} shows in the job's name. */
	@Override
	public String toString() {
		return Long.toString(this.adminId);
	}

	@Override
	public Class<AuditExports> getJobRequestHandler() {
		return AuditExports.class;
	}

}
