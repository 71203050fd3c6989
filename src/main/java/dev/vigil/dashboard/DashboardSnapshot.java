package dev.vigil.dashboard;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One dashboard reading, as the REST endpoint, the {@code metrics} event and the history
 * show it (snake_case on the wire). The first four fields are the reference's.
 *
 * @param failedJobs24h named explicitly: snake_case would not split the digits
 * ({@code failed_jobs24h})
 * @param connections open stream connections by stream, then transport
 * @param logLinesPerSecond log lines read per second since the previous computation
 */
record DashboardSnapshot(long activeSessions, long queuedJobs, long runningJobs,
		@JsonProperty("failed_jobs_24h") long failedJobs24h, long dbSize, long walSize, long uptimeSeconds,
		long heapUsed, long heapMax, int threads, Http http, Map<String, Map<String, Long>> connections,
		double logLinesPerSecond, Instant time) {

	/**
	 * HTTP requests served since start, from Micrometer's {@code http.server.requests}.
	 */
	record Http(long requests, @JsonProperty("2xx") long status2xx, @JsonProperty("3xx") long status3xx,
			@JsonProperty("4xx") long status4xx, @JsonProperty("5xx") long status5xx, double meanMs) {
	}

}
