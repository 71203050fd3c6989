package dev.vigil.dashboard;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.vigil.auth.SessionService;
import dev.vigil.jobs.JobQueue;
import dev.vigil.jobs.QueueStats;
import dev.vigil.storage.DataDirectory;

/**
 * Computes dashboard snapshots and keeps the latest one for reuse. Computing is
 * serialized: the tick, connect-time replays and REST calls may race, and the "reuse if
 * fresh" check must see the result of a computation that is already under way, so a burst
 * of connecting clients costs one computation, not one each.
 */
@Component
class DashboardSnapshots {

	private final SessionService sessions;

	private final JobQueue jobs;

	private final DataDirectory dataDirectory;

	private final MeterRegistry meters;

	private final Clock clock;

	private final Counter computations;

	private volatile @Nullable DashboardSnapshot latest;

	/**
	 * Monotonic time of {@link #latest}, for freshness checks immune to wall-clock jumps.
	 */
	private volatile long latestNanos;

	/**
	 * Previous reading of the log line counter, for the rate; guarded by {@code this}.
	 */
	private double previousLines = -1;

	private long previousLinesNanos;

	private double linesPerSecond;

	DashboardSnapshots(SessionService sessions, JobQueue jobs, DataDirectory dataDirectory, MeterRegistry meters,
			Clock clock) {
		this.sessions = sessions;
		this.jobs = jobs;
		this.dataDirectory = dataDirectory;
		this.meters = meters;
		this.clock = clock;
		this.computations = Counter.builder("vigil.dashboard.computations")
			.description("Dashboard snapshots computed (one per tick, whatever the number of viewers)")
			.register(meters);
	}

	/** A new snapshot, always computed (and counted). */
	synchronized DashboardSnapshot compute() {
		long now = System.nanoTime();
		QueueStats queue = this.jobs.stats();
		MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
		Path database = this.dataDirectory.database();
		DashboardSnapshot snapshot = new DashboardSnapshot(this.sessions.countActive(), queue.queued(),
				queue.processing(), queue.failedLast24h(), size(database),
				size(database.resolveSibling(database.getFileName() + "-wal")),
				ManagementFactory.getRuntimeMXBean().getUptime() / 1000, heap.getUsed(), heap.getMax(),
				ManagementFactory.getThreadMXBean().getThreadCount(), http(), connections(), logLinesPerSecond(now),
				this.clock.instant());
		this.latest = snapshot;
		this.latestNanos = now;
		this.computations.increment();
		return snapshot;
	}

	/** The latest snapshot if younger than {@code maxAge}, else a new one. */
	synchronized DashboardSnapshot latest(Duration maxAge) {
		DashboardSnapshot current = this.latest;
		if (current != null && System.nanoTime() - this.latestNanos < maxAge.toNanos()) {
			return current;
		}
		return compute();
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (NoSuchFileException ex) {
			// No WAL between checkpoints (or before the first write) is a size of zero,
			// not an error.
			return 0;
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/**
	 * Sums every {@code http.server.requests} timer; none exists before the first request
	 * completes.
	 */
	private DashboardSnapshot.Http http() {
		long total = 0;
		long[] byClass = new long[6];
		double totalMillis = 0;
		for (Timer timer : this.meters.find("http.server.requests").timers()) {
			long count = timer.count();
			total += count;
			totalMillis += timer.totalTime(TimeUnit.MILLISECONDS);
			String status = timer.getId().getTag("status");
			if (status != null && !status.isEmpty() && status.charAt(0) >= '1' && status.charAt(0) <= '5') {
				byClass[status.charAt(0) - '0'] += count;
			}
		}
		double mean = (total > 0) ? Math.round(totalMillis / total * 100) / 100.0 : 0;
		return new DashboardSnapshot.Http(total, byClass[2], byClass[3], byClass[4], byClass[5], mean);
	}

	/**
	 * The stream core's connection gauges, by stream then transport (sorted, for stable
	 * output).
	 */
	private Map<String, Map<String, Long>> connections() {
		Map<String, Map<String, Long>> connections = new TreeMap<>();
		for (Gauge gauge : this.meters.find("vigil.stream.connections").gauges()) {
			String stream = gauge.getId().getTag("stream");
			String transport = gauge.getId().getTag("transport");
			if (stream != null && transport != null) {
				connections.computeIfAbsent(stream, (s) -> new TreeMap<>())
					.merge(transport, (long) gauge.value(), Long::sum);
			}
		}
		return connections;
	}

	/**
	 * Rate since the previous computation; too short a gap says nothing new, so the last
	 * rate stands.
	 */
	private double logLinesPerSecond(long now) {
		Counter counter = this.meters.find("vigil.logs.lines.read").counter();
		double lines = (counter != null) ? counter.count() : 0;
		long elapsed = now - this.previousLinesNanos;
		if (this.previousLines < 0 || lines < this.previousLines) {
			this.previousLines = lines;
			this.previousLinesNanos = now;
			return 0;
		}
		if (elapsed >= TimeUnit.MILLISECONDS.toNanos(250)) {
			this.linesPerSecond = Math.round((lines - this.previousLines) * 1e9 / elapsed * 100) / 100.0;
			this.previousLines = lines;
			this.previousLinesNanos = now;
		}
		return this.linesPerSecond;
	}

}
