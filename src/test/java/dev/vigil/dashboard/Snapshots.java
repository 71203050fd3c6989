package dev.vigil.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Dashboard snapshots for history tests, built field by field where a test cares. */
final class Snapshots {

	private Snapshots() {
	}

	/**
	 * A snapshot at {@code time} whose gauges are {@code level}, whose counters are
	 * {@code requests}, with {@code sse} dashboard connections.
	 */
	static DashboardSnapshot at(Instant time, long level, long requests, long sse) {
		return new DashboardSnapshot(level, level, level, requests, 1000 + requests, requests, requests, level * 1000,
				1_000_000, (int) level, new DashboardSnapshot.Http(requests, requests, 0, 0, 0, requests / 10.0),
				Map.of("dashboard", Map.of("sse", sse)), level / 2.0, time, List.of());
	}

}
