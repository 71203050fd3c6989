package dev.vigil.dashboard;

import java.time.Instant;

/**
 * A stored history point: a snapshot (a tick's, or one made from a bucket of finer
 * points) and how many ticks it stands for, which weighs it when it is itself averaged.
 *
 * @param time the snapshot's time (raw tier) or its bucket's start
 */
record HistoryPoint(Instant time, int samples, DashboardSnapshot snapshot) {

	static HistoryPoint of(DashboardSnapshot snapshot) {
		return new HistoryPoint(snapshot.time(), 1, snapshot);
	}

}
