package dev.vigil.email;

import org.jobrunr.jobs.lambdas.JobRequest;

/** Send (or retry) one recorded email delivery: a job in the durable queue. */
public record EmailDelivery(long deliveryId) implements JobRequest {

	/** What {@code %0} shows in the job's name. */
	@Override
	public String toString() {
		return Long.toString(this.deliveryId);
	}

	@Override
	public Class<EmailDeliveries> getJobRequestHandler() {
		return EmailDeliveries.class;
	}

}
