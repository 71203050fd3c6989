package dev.vigil.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One dashboard reading, as the REST endpoint, the {@code metrics} event and the history
 * show it (snake_case on the wire). The first four fields are the reference's.
 *
 * @param failedJobs24h named explicitly: snake_case would not split the digits
 * ({@code failed_jobs24h})
 * @param connections open stream connections by stream, then transport
 * @param logLinesPerSecond log lines read per second since the previous computation
 * @param instances each live instance with its own figures (this one alone when alone);
 * the figures above are then the cluster's: sums, except the shared ones (sessions, jobs,
 * database) counted once and the uptime, the longest. History points have none.
 */
record DashboardSnapshot(long activeSessions, long queuedJobs, long runningJobs,
		@JsonProperty("failed_jobs_24h") long failedJobs24h, long dbSize, long walSize, long uptimeSeconds,
		long heapUsed, long heapMax, int threads, Http http, Map<String, Map<String, Long>> connections,
		double logLinesPerSecond, Instant time,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<InstanceEntry> instances) {

	DashboardSnapshot {
		// Stored history points have no instances.
		instances = Objects.requireNonNullElse(instances, List.of());
	}

	/** The cluster's figures only, as history keeps them. */
	DashboardSnapshot withoutInstances() {
		return new DashboardSnapshot(this.activeSessions, this.queuedJobs, this.runningJobs, this.failedJobs24h,
				this.dbSize, this.walSize, this.uptimeSeconds, this.heapUsed, this.heapMax, this.threads, this.http,
				this.connections, this.logLinesPerSecond, this.time, List.of());
	}

	/**
	 * A live instance and its figures ({@link InstanceFigures}, as it last published
	 * them).
	 *
	 * @param self whether it is the instance that answered
	 * @param startedAt epoch millis
	 */
	record InstanceEntry(String id, String name, boolean self, long startedAt, long streams,
			Map<String, Map<String, Long>> connections, Http http, double requestsPerSecond, long heapUsed,
			long heapMax, int threads, long uptimeSeconds, double logLinesPerSecond) {

		static InstanceEntry of(String id, String name, boolean self, long startedAt, InstanceFigures figures) {
			return new InstanceEntry(id, name, self, startedAt, figures.streams(), figures.connections(),
					figures.http(), figures.requestsPerSecond(), figures.heapUsed(), figures.heapMax(),
					figures.threads(), figures.uptimeSeconds(), figures.logLinesPerSecond());
		}

	}

	/**
	 * HTTP requests served since start, from Micrometer's {@code http.server.requests}.
	 */
	record Http(long requests, @JsonProperty("2xx") long status2xx, @JsonProperty("3xx") long status3xx,
			@JsonProperty("4xx") long status4xx, @JsonProperty("5xx") long status5xx, double meanMs) {

		static final Http NONE = new Http(0, 0, 0, 0, 0, 0);

		/** Counts added up, the mean weighted by requests. */
		Http plus(Http other) {
			long requests = this.requests + other.requests;
			double mean = (requests > 0)
					? Math.round((this.meanMs * this.requests + other.meanMs * other.requests) / requests * 100) / 100.0
					: 0;
			return new Http(requests, this.status2xx + other.status2xx, this.status3xx + other.status3xx,
					this.status4xx + other.status4xx, this.status5xx + other.status5xx, mean);
		}

	}

}
