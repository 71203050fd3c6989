package dev.vigil.dashboard;

import java.util.Map;

/**
 * What each instance publishes about itself for the dashboard with every heartbeat (under
 * {@link #KEY} in its registry entry): the figures of the snapshot that are its own, as
 * of its latest dashboard tick.
 *
 * @param streams open stream connections
 * @param connections the same by stream, then transport
 * @param requestsPerSecond HTTP requests served per second since its previous tick
 */
record InstanceFigures(long streams, Map<String, Map<String, Long>> connections, DashboardSnapshot.Http http,
		double requestsPerSecond, long heapUsed, long heapMax, int threads, long uptimeSeconds,
		double logLinesPerSecond) {

	static final String KEY = "dashboard";

	/** An instance that has not published yet (it is starting). */
	static final InstanceFigures NONE = new InstanceFigures(0, Map.of(), DashboardSnapshot.Http.NONE, 0, 0, 0, 0, 0, 0);

}
