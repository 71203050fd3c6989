package dev.vigil.jobs;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/** A test job that fails every attempt; one retry, so it fails for good quickly. */
public record AlwaysFailing(String marker) implements JobRequest {

	/** What {@code %0} shows in the job's name. */
	@Override
	public String toString() {
		return this.marker;
	}

	@Override
	public Class<Handler> getJobRequestHandler() {
		return Handler.class;
	}

	public static class Handler implements JobRequestHandler<AlwaysFailing> {

		@Override
		@Job(name = "always failing %0", retries = 1)
		public void run(AlwaysFailing request) {
			throw new IllegalStateException("boom " + request.marker());
		}

	}

}
