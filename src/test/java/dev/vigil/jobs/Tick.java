package dev.vigil.jobs;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

/** A test job that does nothing, to be scheduled often. */
public record Tick(String marker) implements JobRequest {

	@Override
	public String toString() {
		return this.marker;
	}

	@Override
	public Class<Handler> getJobRequestHandler() {
		return Handler.class;
	}

	public static class Handler implements JobRequestHandler<Tick> {

		@Override
		@Job(name = "tick %0")
		public void run(Tick request) {
			// a run is all the tests look at
		}

	}

}
