package dev.vigil.dashboard;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import dev.vigil.auth.SessionService;
import dev.vigil.cluster.Instance;
import dev.vigil.cluster.Instances;
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

	private final Instances instances;

	private final JsonMapper json;

	private volatile @Nullable DashboardSnapshot latest;

	/**
	 * Monotonic time of {@link #latest}, for freshness checks immune to wall-clock jumps.
	 */
	private volatile long latestNanos;

	/** Rates since the previous computation; guarded by {@code this}. */
	private final Rate logLines = new Rate();

	private final Rate requests = new Rate();

	/** This instance's figures as of the latest computation, for the others. */
	private volatile InstanceFigures own = InstanceFigures.NONE;

	DashboardSnapshots(SessionService sessions, JobQueue jobs, DataDirectory dataDirectory, MeterRegistry meters,
			Clock clock, Instances instances, JsonMapper json) {
		this.instances = instances;
		this.json = json;
		this.sessions = sessions;
		this.jobs = jobs;
		this.dataDirectory = dataDirectory;
		this.meters = meters;
		this.clock = clock;
		this.computations = Counter.builder("vigil.dashboard.computations")
			.description("Dashboard snapshots computed (one per tick, whatever the number of viewers)")
			.register(meters);
		// Read on the heartbeat thread: the latest figures, never a computation.
		instances.describe(InstanceFigures.KEY, () -> this.own);
	}

	/**
	 * A new snapshot, always computed (and counted): this instance's figures, the other
	 * live instances' as they last published them, and the cluster's totals.
	 */
	synchronized DashboardSnapshot compute() {
		long now = System.nanoTime();
		QueueStats queue = this.jobs.stats();
		MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
		Path database = this.dataDirectory.database();
		DashboardSnapshot.Http http = http();
		Map<String, Map<String, Long>> connections = connections();
		InstanceFigures own = new InstanceFigures(streams(connections), connections, http,
				this.requests.update(http.requests(), now), heap.getUsed(), heap.getMax(),
				ManagementFactory.getThreadMXBean().getThreadCount(),
				ManagementFactory.getRuntimeMXBean().getUptime() / 1000, logLinesPerSecond(now));
		this.own = own;
		List<DashboardSnapshot.InstanceEntry> instances = instances(own);
		InstanceFigures total = (instances.size() > 1) ? total(instances) : own;
		DashboardSnapshot snapshot = new DashboardSnapshot(this.sessions.countActive(), queue.queued(),
				queue.processing(), queue.failedLast24h(), size(database),
				size(database.resolveSibling(database.getFileName() + "-wal")), total.uptimeSeconds(), total.heapUsed(),
				total.heapMax(), total.threads(), total.http(), total.connections(), total.logLinesPerSecond(),
				this.clock.instant(), instances);
		this.latest = snapshot;
		this.latestNanos = now;
		this.computations.increment();
		return snapshot;
	}

	/** Every live instance: this one as just computed, the others as published. */
	private List<DashboardSnapshot.InstanceEntry> instances(InstanceFigures own) {
		String self = this.instances.self().id();
		List<DashboardSnapshot.InstanceEntry> entries = new ArrayList<>();
		for (Instance instance : this.instances.live()) {
			boolean isSelf = instance.id().equals(self);
			InstanceFigures figures = isSelf ? own : published(instance);
			entries.add(DashboardSnapshot.InstanceEntry.of(instance.id(), instance.name(), isSelf, instance.startedAt(),
					figures));
		}
		return entries;
	}

	/** What another instance published; nothing yet while it starts. */
	private InstanceFigures published(Instance instance) {
		Object figures = instance.details().get(InstanceFigures.KEY);
		if (figures == null) {
			return InstanceFigures.NONE;
		}
		try {
			return this.json.convertValue(figures, InstanceFigures.class);
		}
		catch (RuntimeException ex) {
			// Another version's figures: shown as none rather than failing the tick.
			return InstanceFigures.NONE;
		}
	}

	/**
	 * The cluster's own figures: sums, except the uptime (the longest) and an undefined
	 * heap maximum (-1), which stays undefined.
	 */
	static InstanceFigures total(List<DashboardSnapshot.InstanceEntry> instances) {
		long streams = 0;
		Map<String, Map<String, Long>> connections = new TreeMap<>();
		DashboardSnapshot.Http http = DashboardSnapshot.Http.NONE;
		double requestsPerSecond = 0;
		long heapUsed = 0;
		long heapMax = 0;
		int threads = 0;
		long uptime = 0;
		double logLines = 0;
		for (DashboardSnapshot.InstanceEntry instance : instances) {
			streams += instance.streams();
			instance.connections()
				.forEach((stream, transports) -> transports
					.forEach((transport, count) -> connections.computeIfAbsent(stream, (s) -> new TreeMap<>())
						.merge(transport, count, Long::sum)));
			http = http.plus(instance.http());
			requestsPerSecond += instance.requestsPerSecond();
			heapUsed += instance.heapUsed();
			heapMax = (heapMax < 0 || instance.heapMax() < 0) ? -1 : heapMax + instance.heapMax();
			threads += instance.threads();
			uptime = Math.max(uptime, instance.uptimeSeconds());
			logLines += instance.logLinesPerSecond();
		}
		return new InstanceFigures(streams, connections, http, Math.round(requestsPerSecond * 100) / 100.0, heapUsed,
				heapMax, threads, uptime, Math.round(logLines * 100) / 100.0);
	}

	private static long streams(Map<String, Map<String, Long>> connections) {
		return connections.values()
			.stream()
			.flatMap((byTransport) -> byTransport.values().stream())
			.mapToLong(Long::longValue)
			.sum();
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

	/** Log lines read per second since the previous computation. */
	private double logLinesPerSecond(long now) {
		Counter counter = this.meters.find("vigil.logs.lines.read").counter();
		return this.logLines.update((counter != null) ? counter.count() : 0, now);
	}

}
