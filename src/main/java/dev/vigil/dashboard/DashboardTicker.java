package dev.vigil.dashboard;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.vigil.cluster.ClusterLeases;
import dev.vigil.stream.Hub;

/**
 * The dashboard clock. Each tick computes one snapshot, whether anyone watches or not,
 * stores it in the history and publishes it to the dashboard's subscribers, if any. A
 * storage failure costs the tick its history point, never the tick itself. A dedicated
 * thread keeps the ticks regular whatever else is scheduled.
 */
@Component
class DashboardTicker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DashboardTicker.class);

	private final DashboardSnapshots snapshots;

	private final DashboardChannel channel;

	private final Hub hub;

	private final DashboardProperties properties;

	private final DashboardHistory history;

	/** Written and read by the tick thread only. */
	private boolean historyFailing;

	/** In a cluster one instance records the history (of the cluster's totals). */
	private final ClusterLeases leases;

	private @Nullable ScheduledExecutorService scheduler;

	DashboardTicker(DashboardSnapshots snapshots, DashboardChannel channel, Hub hub, DashboardProperties properties,
			DashboardHistory history, ClusterLeases leases) {
		this.leases = leases;
		this.snapshots = snapshots;
		this.channel = channel;
		this.hub = hub;
		this.properties = properties;
		this.history = history;
	}

	void tick() {
		// A scheduled task that throws is never run again: one failed tick must not end
		// the dashboard.
		DashboardSnapshot snapshot;
		try {
			snapshot = this.snapshots.compute();
		}
		catch (RuntimeException ex) {
			log.warn("dashboard tick failed", ex);
			return;
		}
		// Published first: storing waits for the write gate, which a VACUUM or a restore
		// may hold for a while, and the live view should not freeze exactly then.
		try {
			if (this.hub.hasSubscribers(DashboardChannel.NAME)) {
				this.hub.publishAll(DashboardChannel.NAME, this.channel.event(snapshot));
			}
		}
		catch (RuntimeException ex) {
			log.warn("dashboard tick failed", ex);
		}
		try {
			if (this.leases.hold("dashboard-history", this.properties.interval().multipliedBy(3))) {
				this.history.record(snapshot);
			}
			this.historyFailing = false;
		}
		catch (RuntimeException ex) {
			// Once per run of failures (a full disk fails every tick); the live view goes
			// on.
			if (!this.historyFailing) {
				log.warn("dashboard history could not be stored", ex);
			}
			this.historyFailing = true;
		}
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
