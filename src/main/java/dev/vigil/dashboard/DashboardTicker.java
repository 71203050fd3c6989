package dev.vigil.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.vigil.stream.Hub;

/**
 * The dashboard clock. While anyone watches, each tick computes one snapshot, publishes
 * it to every subscriber and adds it to the history ring. While nobody watches, nothing
 * is computed unless {@code idle-sample} is set (off by default), which takes a history
 * point that often. A dedicated thread keeps the ticks regular whatever else is
 * scheduled.
 */
@Component
class DashboardTicker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DashboardTicker.class);

	private final DashboardSnapshots snapshots;

	private final DashboardChannel channel;

	private final Hub hub;

	private final DashboardProperties properties;

	private final Clock clock;

	private @Nullable ScheduledExecutorService scheduler;

	DashboardTicker(DashboardSnapshots snapshots, DashboardChannel channel, Hub hub, DashboardProperties properties,
			Clock clock) {
		this.snapshots = snapshots;
		this.channel = channel;
		this.hub = hub;
		this.properties = properties;
		this.clock = clock;
	}

	void tick() {
		// A scheduled task that throws is never run again: one failed tick must not end
		// the dashboard.
		try {
			if (this.hub.hasSubscribers(DashboardChannel.NAME)) {
				DashboardSnapshot snapshot = this.snapshots.compute();
				this.snapshots.remember(snapshot);
				this.hub.publishAll(DashboardChannel.NAME, this.channel.event(snapshot));
			}
			else if (idleSampleDue()) {
				this.snapshots.remember(this.snapshots.compute());
			}
		}
		catch (RuntimeException ex) {
			log.warn("dashboard tick failed", ex);
		}
	}

	private boolean idleSampleDue() {
		Duration every = this.properties.idleSample();
		if (every.isZero() || every.isNegative()) {
			return false;
		}
		Instant last = this.snapshots.lastRemembered();
		return last == null || !this.clock.instant().isBefore(last.plus(every));
	}

	@Override
	public synchronized void start() {
		if (this.scheduler == null) {
			this.scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
				Thread thread = new Thread(runnable, "dashboard-tick");
				thread.setDaemon(true);
				return thread;
			});
			long period = this.properties.interval().toMillis();
			this.scheduler.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}
