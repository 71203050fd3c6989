package dev.vigil.webhooks;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * The daily webhook housekeeping job: purge the delivery log, queue again what stalled.
 * Public and serialisable because JobRunr stores it as JSON.
 *
 * @param task what the job does, shown in its name
 */
public record WebhookHousekeeping(String task) implements JobRequest {

	static final String ID = "webhook-housekeeping";

	@Override
	public String toString() {
		return this.task;
	}

	@Override
	public Class<WebhookHousekeeper> getJobRequestHandler() {
		return WebhookHousekeeper.class;
	}

}
