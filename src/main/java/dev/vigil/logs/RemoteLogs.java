package dev.vigil.logs;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import dev.vigil.NotFoundException;
import dev.vigil.cluster.ClusterBus;
import dev.vigil.cluster.Instances;
import dev.vigil.stream.StreamSubscriber;

/**
 * This instance's clients watching another instance's log ({@code ?instance=}): starts
 * each watch there over the bus, renews its lease four times per lease while the client
 * is connected, stops it when the client leaves, and ends the client's stream with an
 * {@code instance} event when the other instance is gone or the bus was lost (the client
 * then resumes from its cursor).
 */
@Component
class RemoteLogs implements SmartLifecycle {

	private final ClusterBus bus;

	private final Instances instances;

	private final LogEvents events;

	private final Map<String, RemoteWatch> watches = new ConcurrentHashMap<>();

	private final ScheduledExecutorService renewer = Executors
		.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("vigil-log-renew-"));

	private volatile boolean running;

	RemoteLogs(ClusterBus bus, Instances instances, LogEvents events, LogsProperties properties) {
		this.bus = bus;
		this.instances = instances;
		this.events = events;
		long period = Math.max(100, properties.relayLease().toMillis() / 4);
		if (bus.clustered()) {
			this.renewer.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
		}
		// What the bus lost meanwhile is in the files: the client resumes from its
		// cursor. Only watches that may have lost lines: after this instance's own loss,
		// or the watched instance's (another pair's trouble is none of theirs).
		bus.onRecoveredFrom((origin, since) -> this.watches.values()
			.stream()
			.filter((watch) -> origin.equals(bus.instanceId()) || origin.equals(watch.target))
			.forEach((watch) -> {
				if (this.instances.find(watch.target).isEmpty()) {
					// It died: its recovery is the others' catching up after it.
					end(watch, "gone", "the instance is no longer running");
				}
				else {
					end(watch, "interrupted", "the connection between the instances was lost");
				}
			}));
	}

	/** Whether {@code instance} names another instance than this one. */
	boolean isRemote(@Nullable String instance) {
		return instance != null && !instance.isEmpty() && !instance.equals(this.bus.instanceId());
	}

	/**
	 * @throws NotFoundException when {@code instance} is another instance that is not
	 * live
	 */
	void requireLive(@Nullable String instance) {
		if (isRemote(instance) && this.instances.find(instance).isEmpty()) {
			throw new NotFoundException("unknown instance");
		}
	}

	/** Starts relaying {@code source} of {@code instance} to the subscriber. */
	RemoteWatch watch(StreamSubscriber subscriber, String instance, @Nullable String source,
			Map<String, String> filter) {
		String watchId = UUID.randomUUID().toString();
		RemoteWatch watch = new RemoteWatch(watchId, instance, subscriber, this.events);
		this.watches.put(watchId, watch);
		// Only this instance receives the watch's lines (an exact channel, not a
		// pattern).
		this.bus.subscribeLossy(LogRelayWire.lines(watchId), LogRelayWire.Lines.class, watch::received);
		this.bus.publish(LogRelayWire.WATCH, LogRelayWire.Watch.start(watchId, instance, source, filter,
				subscriber.cursor(), subscriber.parameter("backlog")));
		return watch;
	}

	void refilter(RemoteWatch watch, Map<String, String> filter) {
		this.bus.publish(LogRelayWire.FILTER, new LogRelayWire.Filter(watch.watchId, watch.target, filter));
	}

	/** The client left: the other instance stops relaying. */
	void stop(RemoteWatch watch) {
		if (this.watches.remove(watch.watchId) != null) {
			this.bus.unsubscribe(LogRelayWire.lines(watch.watchId));
			this.bus.publish(LogRelayWire.WATCH, LogRelayWire.Watch.stop(watch.watchId, watch.target));
		}
	}

	void renew() {
		for (RemoteWatch watch : this.watches.values()) {
			if (watch.ended()) {
				continue;
			}
			if (this.instances.find(watch.target).isEmpty()) {
				end(watch, "gone", "the instance is no longer running");
			}
			else {
				this.bus.publish(LogRelayWire.WATCH, LogRelayWire.Watch.renew(watch.watchId, watch.target));
			}
		}
	}

	/** Ends the client's stream; its close ({@link #stop}) follows. */
	private void end(RemoteWatch watch, String status, String message) {
		watch.end(status, message);
	}

	@Override
	public void start() {
		this.running = true;
	}

	/** Before the bus stops, so the watched instances hear the stops. */
	@Override
	public void stop() {
		this.running = false;
		this.renewer.shutdownNow();
		this.watches.values().forEach(this::stop);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return LogRelays.LIFECYCLE_PHASE;
	}

}
