package dev.vigil.dashboard;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.vigil.auth.CurrentAdmin;
import dev.vigil.stream.HubChannel;
import dev.vigil.stream.Replay;
import dev.vigil.stream.StreamEvent;
import dev.vigil.stream.StreamJson;
import dev.vigil.stream.StreamSubscriber;

/**
 * The dashboard stream: published through the hub by {@link DashboardTicker}; every admin
 * sees the same numbers, so all connections share one hub key and one event per tick. Not
 * resumable: a reconnecting client wants the current state, which its replay gives it at
 * once.
 */
@Component
class DashboardChannel implements HubChannel {

	static final String NAME = "dashboard";

	static final String EVENT = "metrics";

	/** The single hub key: snapshots are not per admin. */
	private static final String EVERYONE = "all";

	private final DashboardSnapshots snapshots;

	private final DashboardProperties properties;

	private final StreamJson json;

	DashboardChannel(DashboardSnapshots snapshots, DashboardProperties properties, StreamJson json) {
		this.snapshots = snapshots;
		this.properties = properties;
		this.json = json;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Object key(CurrentAdmin admin) {
		return EVERYONE;
	}

	/**
	 * The latest snapshot right away. "Fresh" is one interval: a snapshot that old would
	 * be replaced by the next tick anyway, and a burst of connects reuses it instead of
	 * computing once each.
	 */
	@Override
	public Replay replay(StreamSubscriber subscriber) {
		return Replay.of(List.of(event(this.snapshots.latest(this.properties.interval()))));
	}

	/** The reference's dashboard SSE advises a 10 s reconnect delay. */
	@Override
	public int retryMillis() {
		return 10_000;
	}

	/** SSE data is the snapshot itself; the WebSocket frame wraps it with its type. */
	StreamEvent event(DashboardSnapshot snapshot) {
		return StreamEvent.of(EVENT, null, this.json.write(snapshot),
				this.json.object("type", EVENT, "metrics", snapshot));
	}

}
