package dev.vigil.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a coarse history point is made from the finer points of its bucket, so that a chart
 * reads the same at every range:
 * <ul>
 * <li>cumulative counters (HTTP requests by status, the mean latency since start) and
 * levels that only matter as they are now (database and WAL size, uptime, heap maximum,
 * failed jobs of the last 24 h): the <b>last</b> value, so the difference between two
 * coarse points is still what happened between them;</li>
 * <li>heap in use and the log line rate: the <b>mean</b>, weighted by the ticks each
 * point stands for (a mean of rates over equal ticks is the rate over the bucket);</li>
 * <li>counts of things open at a moment (sessions, queued and running jobs, threads,
 * stream connections per stream and transport): the <b>peak</b>, because a mean of small
 * whole numbers rounds the busy moments away.</li>
 * </ul>
 * The point's time is its bucket's start.
 */
final class Downsampling {

	private Downsampling() {
	}

	/** One point for a bucket from its points (any order; at least one). */
	static HistoryPoint aggregate(Instant bucket, List<HistoryPoint> points) {
		if (points.isEmpty()) {
			throw new IllegalArgumentException("a bucket needs at least one point");
		}
		List<HistoryPoint> sorted = points.stream().sorted((a, b) -> a.time().compareTo(b.time())).toList();
		DashboardSnapshot last = sorted.get(sorted.size() - 1).snapshot();
		int samples = 0;
		double heapUsed = 0;
		double logRate = 0;
		long sessions = 0;
		long queued = 0;
		long running = 0;
		int threads = 0;
		Map<String, Map<String, Long>> connections = new TreeMap<>();
		for (HistoryPoint point : sorted) {
			DashboardSnapshot snapshot = point.snapshot();
			int weight = Math.max(1, point.samples());
			samples += weight;
			heapUsed += (double) snapshot.heapUsed() * weight;
			logRate += snapshot.logLinesPerSecond() * weight;
			sessions = Math.max(sessions, snapshot.activeSessions());
			queued = Math.max(queued, snapshot.queuedJobs());
			running = Math.max(running, snapshot.runningJobs());
			threads = Math.max(threads, snapshot.threads());
			snapshot.connections()
				.forEach((stream, transports) -> transports
					.forEach((transport, count) -> connections.computeIfAbsent(stream, (s) -> new TreeMap<>())
						.merge(transport, count, Math::max)));
		}
		DashboardSnapshot aggregated = new DashboardSnapshot(sessions, queued, running, last.failedJobs24h(),
				last.dbSize(), last.walSize(), last.uptimeSeconds(), Math.round(heapUsed / samples), last.heapMax(),
				threads, last.http(), connections, Math.round(logRate / samples * 100) / 100.0, bucket, List.of());
		return new HistoryPoint(bucket, samples, aggregated);
	}

	/**
	 * Points grouped into buckets of {@code tier}, one aggregated point each, oldest
	 * first.
	 */
	static List<HistoryPoint> buckets(HistoryTier tier, List<HistoryPoint> points) {
		Duration width = tier.width();
		if (width == null) {
			return points;
		}
		Map<Instant, List<HistoryPoint>> byBucket = new TreeMap<>();
		for (HistoryPoint point : points) {
			byBucket.computeIfAbsent(tier.bucketOf(point.time()), (b) -> new ArrayList<>()).add(point);
		}
		List<HistoryPoint> result = new ArrayList<>(byBucket.size());
		byBucket.forEach((bucket, inBucket) -> result.add(aggregate(bucket, inBucket)));
		return result;
	}

}
