package dev.vigil.logs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import dev.vigil.cluster.ClusterBus;
import dev.vigil.cluster.Instances;

/**
 * This instance's log, watched from other instances: each {@code logs.watch} start names
 * a source, filters and a resume point, and gets a {@link LogRelay} fed by the normal
 * tailer, filters, backlog and resume. A relay lives while its watcher renews the lease;
 * it stops on the watcher's stop, or when the lease runs out (the watcher's instance died
 * or was cut off). Alone, nothing ever arrives here.
 */
@Component
class LogRelays implements SmartLifecycle {

	/** Stops after the web server's streams, before the bus (lower phases stop later). */
	static final int LIFECYCLE_PHASE = Integer.MIN_VALUE + 1000;

	private static final Logger log = LoggerFactory.getLogger(LogRelays.class);

	/** What a relay buffers before it drops lines (as a local client's queue). */
	static final int QUEUE_SIZE = 4096;

	private final ClusterBus bus;

	private final LogChannel channel;

	private final LogSources sources;

	private final LogEvents events;

	private final LogMetrics metrics;

	private final long leaseMillis;

	private final LongSupplier clock;

	private final Map<String, Running> relays = new ConcurrentHashMap<>();

	/** Replays read files: never on the bus's thread. */
	private final Executor executor;

	/**
	 * Starts, renewals and stops in the order they came (a stop right after its start
	 * must find it); starting opens files, so not on the bus's thread either.
	 */
	private final ExecutorService control;

	private final ScheduledExecutorService sweeper;

	private volatile boolean running;

	@Autowired
	LogRelays(ClusterBus bus, Instances instances, LogChannel channel, LogSources sources, LogEvents events,
			LogMetrics metrics, LogsProperties properties) {
		this(bus, channel, sources, events, metrics, properties, System::currentTimeMillis,
				new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
						new CustomizableThreadFactory("vigil-log-relay-")));
		instances.describe("log_relays", this::count);
		if (bus.clustered()) {
			this.sweeper.scheduleWithFixedDelay(() -> sweep(this.clock.getAsLong()), 1, 1, TimeUnit.SECONDS);
		}
	}

	LogRelays(ClusterBus bus, LogChannel channel, LogSources sources, LogEvents events, LogMetrics metrics,
			LogsProperties properties, LongSupplier clock, Executor executor) {
		this.bus = bus;
		this.channel = channel;
		this.sources = sources;
		this.events = events;
		this.metrics = metrics;
		this.leaseMillis = properties.relayLease().toMillis();
		this.clock = clock;
		this.executor = executor;
		this.control = Executors.newSingleThreadExecutor(new CustomizableThreadFactory("vigil-log-watch-"));
		this.sweeper = Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("vigil-log-lease-"));
		metrics.relays(this::count);
		bus.subscribe(LogRelayWire.WATCH, LogRelayWire.Watch.class, this::watch);
		bus.subscribe(LogRelayWire.FILTER, LogRelayWire.Filter.class, this::filter);
	}

	/** Relays running now, each for one watcher's client. */
	int count() {
		return this.relays.size();
	}

	/** On the bus's thread: hands the message to the control thread. */
	void watch(LogRelayWire.Watch message) {
		if (message.target().equals(this.bus.instanceId())) {
			this.control.execute(() -> handle(message));
		}
	}

	void handle(LogRelayWire.Watch message) {
		switch (message.op()) {
			case "start" -> start(message);
			case "renew" -> {
				Running running = this.relays.get(message.watchId());
				if (running != null) {
					running.relay().renewed(this.clock.getAsLong());
				}
				else {
					// Stopped here (lease run out while the bus was slow) but still
					// watched
					// there: the watcher ends its stream and its client resumes.
					end(message.watchId(), "unknown watch");
				}
			}
			case "stop" -> stop(message.watchId(), null);
			default -> log.debug("unknown log watch operation {}", message.op());
		}
	}

	void filter(LogRelayWire.Filter message) {
		if (message.target().equals(this.bus.instanceId())) {
			this.control.execute(() -> refilter(message));
		}
	}

	void refilter(LogRelayWire.Filter message) {
		Running running = this.relays.get(message.watchId());
		if (running == null) {
			return;
		}
		LogFilter filter;
		try {
			filter = LogFilter.from(message.filter()::get);
		}
		catch (RuntimeException ex) {
			// Checked by the watcher already; different versions may still disagree.
			running.relay().offerControl(this.events.error("filter refused by the watched instance"));
			return;
		}
		this.channel.refilter(running.subscription(), filter);
	}

	/** Stops every relay whose watcher has not renewed within the lease. */
	void sweep(long now) {
		this.relays.values()
			.stream()
			.filter((running) -> running.relay().expired(now, this.leaseMillis))
			.map((running) -> running.relay().watchId())
			.toList()
			.forEach((watchId) -> stop(watchId, null));
	}

	private void start(LogRelayWire.Watch message) {
		String watchId = message.watchId();
		String topic = LogRelayWire.lines(watchId);
		String name = message.source();
		Optional<LogSource> source = (name == null || name.isEmpty()) ? Optional.of(this.sources.own())
				: this.sources.find(name);
		if (source.isEmpty()) {
			end(watchId, "unknown log source on that instance");
			return;
		}
		Map<String, String> filterFields = (message.filter() != null) ? message.filter() : Map.of();
		LogFilter filter;
		try {
			filter = LogFilter.from(filterFields::get);
		}
		catch (RuntimeException ex) {
			end(watchId, "invalid filter");
			return;
		}
		Map<String, String> parameters = new HashMap<>(filterFields);
		if (message.backlog() != null) {
			parameters.put("backlog", message.backlog());
		}
		LogRelay relay = new LogRelay(watchId, message.cursor(), parameters, QUEUE_SIZE, this.executor,
				(lines, done) -> this.bus.publishLossy(topic, lines, done), this.events, this.metrics::relayDropped,
				this.clock.getAsLong());
		LogSubscription subscription = this.channel.subscribe(source.get(), relay, filter);
		if (this.relays.putIfAbsent(watchId, new Running(relay, subscription)) != null) {
			this.channel.unsubscribe(subscription);
			return;
		}
		relay.start(this.channel.replay(subscription));
	}

	/** Tells the watcher its watch is over (lost with the lines if the bus is behind). */
	private void end(String watchId, String why) {
		this.bus.publishLossy(LogRelayWire.lines(watchId), new LogRelayWire.Lines(watchId, -1, List.of(), why), () -> {
		});
	}

	private void stop(String watchId, @Nullable String why) {
		Running running = this.relays.remove(watchId);
		if (running != null) {
			running.relay().stop(why);
			this.channel.unsubscribe(running.subscription());
		}
	}

	/** Nothing to start: relays begin with messages from the bus. */
	@Override
	public void start() {
		this.running = true;
	}

	/** Before the bus stops (a higher phase stops earlier): the watchers hear why. */
	@Override
	public void stop() {
		this.running = false;
		this.sweeper.shutdownNow();
		this.control.shutdownNow();
		this.relays.keySet().forEach((watchId) -> stop(watchId, "the watched instance is stopping"));
		if (this.executor instanceof ExecutorService service) {
			service.shutdown();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return LIFECYCLE_PHASE;
	}

	private record Running(LogRelay relay, LogSubscription subscription) {
	}

}
