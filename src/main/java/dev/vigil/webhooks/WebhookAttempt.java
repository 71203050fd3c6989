package dev.vigil.webhooks;

import org.jobrunr.jobs.lambdas.JobRequest;

/**
 * One attempt of a webhook delivery, as a job. Public and serialisable because JobRunr
 * stores it as JSON.
 *
 * @param deliveryId the delivery log row
 * @param attempt which attempt this is (1-based): a job for an attempt that was already
 * made (a duplicate) does nothing
 */
public record WebhookAttempt(String deliveryId, int attempt) implements JobRequest {

	/** What {@code %0} shows in the job's name. */
	@Override
	public String toString() {
		return this.deliveryId + " #" + this.attempt;
	}

	@Override
	public Class<WebhookDeliveries> getJobRequestHandler() {
		return WebhookDeliveries.class;
	}

}
