package dev.vigil.stream;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.vigil.auth.AdminRoleChanged;
import dev.vigil.auth.CurrentAdmin;
import dev.vigil.auth.RoleChanged;
import dev.vigil.auth.Roles;
import dev.vigil.auth.SessionRevoked;
import dev.vigil.auth.SessionService;
import dev.vigil.storage.DatabaseRestored;

/**
 * Every open stream connection: admits it under the per-admin and global caps, activates
 * it (hub subscription where its channel publishes there, then its channel's
 * {@code opened}), releases it exactly once on every way out (gauges, caps, hub,
 * channel), closes a session's streams when it ends, sends heartbeats, and closes
 * everything (WebSocket 1001) before the web server shuts down.
 */
@Component
class ConnectionRegistry implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ConnectionRegistry.class);

	/**
	 * Keepalive rounds (and the pause after each) before a stream over the per-admin cap
	 * is refused.
	 */
	private static final int STALE_PROBES = 4;

	private static final long STALE_PROBE_GAP_MILLIS = 50;

	private final Map<String, Connection> connections = new ConcurrentHashMap<>();

	private final Map<String, Set<Connection>> bySession = new ConcurrentHashMap<>();

	private final AtomicInteger total = new AtomicInteger();

	private final Set<Long> probing = ConcurrentHashMap.newKeySet();

	private final Hub hub;

	private final StreamMetrics metrics;

	private final StreamProperties properties;

	private final SessionService sessions;

	private final Roles roles;

	private final AdminStreamCap cap;

	private volatile boolean running;

	ConnectionRegistry(Hub hub, StreamMetrics metrics, StreamProperties properties, SessionService sessions,
			Roles roles, AdminStreamCap cap) {
		this.hub = hub;
		this.cap = cap;
		this.roles = roles;
		this.sessions = sessions;
		this.metrics = metrics;
		this.properties = properties;
	}

	/**
	 * Counts the connection against the caps; false (and nothing counted) when a cap is
	 * reached or the server is stopping. One admitted while shutdown began is already
	 * closed: activating it only ends it.
	 */
	boolean admit(Connection connection) {
		if (!this.running) {
			return false;
		}
		if (this.total.incrementAndGet() > this.properties.maxConnections()) {
			this.total.decrementAndGet();
			return false;
		}
		long adminId = connection.admin().id();
		if (!this.cap.take(adminId) && !(freeStaleSlots(adminId) && this.cap.take(adminId))) {
			this.total.decrementAndGet();
			return false;
		}
		connection.admitted(this);
		this.connections.put(connection.id(), connection);
		this.bySession.compute(connection.admin().sessionId(), (id, set) -> {
			Set<Connection> ofSession = (set != null) ? set : ConcurrentHashMap.newKeySet();
			ofSession.add(connection);
			return ofSession;
		});
		this.metrics.opened(connection.channel().name(), connection.transport());
		if (connection.isResume()) {
			this.metrics.resumed(connection.channel().name(), connection.transport());
		}
		// Shutdown may have begun since the check above and closed every stream it found
		// without this one.
		if (!this.running) {
			connection.close(CloseReason.SHUTDOWN);
		}
		return true;
	}

	/**
	 * At the per-admin cap. The container learns that an SSE client left only when a
	 * write to it fails, and the first write after the peer closed still succeeds: on a
	 * quiet stream a closed one holds its slot for up to two heartbeats. So keepalives a
	 * moment apart go to the admin's SSE streams; the dead ones fail and are released
	 * (WebSocket peers are read all the time and found gone at once). True when a slot
	 * came free.
	 * <p>
	 * Clustered, the cap counts the admin's streams on every instance but only this
	 * instance's are probed: a stale stream held elsewhere is found by that instance's
	 * own heartbeat.
	 */
	private boolean freeStaleSlots(long adminId) {
		// One probe per admin at a time: a client retrying in a loop must not hold a
		// thread per attempt.
		if (!this.probing.add(adminId)) {
			return false;
		}
		try {
			return probe(adminId);
		}
		finally {
			this.probing.remove(adminId);
		}
	}

	private boolean probe(long adminId) {
		List<Connection> streams = this.connections.values()
			.stream()
			.filter((c) -> c.admin().id() == adminId && c.transport() == Transport.SSE)
			.toList();
		for (int i = 0; i < STALE_PROBES && !streams.isEmpty(); i++) {
			streams.forEach(Connection::sendHeartbeat);
			try {
				Thread.sleep(STALE_PROBE_GAP_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			if (!this.cap.full(adminId)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Subscribes an admitted connection, opens it in its channel and starts its delivery
	 * (the channel's replay first).
	 */
	void activate(Connection connection) {
		connection.activate(() -> {
			if (connection.onHub()) {
				this.hub.subscribe(connection);
			}
		});
		// Also when released while opening: the delivery task then only ends the
		// transport.
		connection.start();
		// The session may have ended between authentication and admission, when no event
		// could reach us.
		if (!this.sessions.isActive(connection.admin().sessionId())) {
			connection.close(CloseReason.SESSION_ENDED);
		}
	}

	/** Releases a connection exactly once, whichever way it ended. */
	void remove(Connection connection, CloseReason reason) {
		if (this.connections.remove(connection.id()) == null) {
			return;
		}
		connection.deactivate(() -> {
			if (connection.onHub()) {
				this.hub.unsubscribe(connection);
			}
		});
		this.bySession.computeIfPresent(connection.admin().sessionId(), (id, set) -> {
			set.remove(connection);
			return set.isEmpty() ? null : set;
		});
		this.cap.release(connection.admin().id());
		this.total.decrementAndGet();
		this.metrics.closed(connection.channel().name(), connection.transport(), reason);
	}

	/** The connections open now (a snapshot; unordered). */
	List<Connection> open() {
		return List.copyOf(this.connections.values());
	}

	@EventListener
	void onSessionEnded(SessionRevoked event) {
		Set<Connection> ofSession = this.bySession.get(event.sessionId());
		if (ofSession != null) {
			ofSession.forEach((connection) -> connection.close(CloseReason.SESSION_ENDED));
		}
	}

	/**
	 * A role changed: each stream of an admin with it is asked of its channel again, for
	 * the admin as the role stands now; the ones it no longer permits close.
	 */
	@EventListener
	void onRoleChanged(RoleChanged event) {
		int closed = closeUnpermitted((admin) -> admin.role().equals(event.name()) ? admin : null);
		if (closed > 0) {
			log.info("closed {} live streams that role {} no longer allows", closed, event.name());
		}
	}

	/**
	 * An admin has another role: each of their streams is asked of its channel again, for
	 * the admin with the new role; the ones it does not permit close.
	 */
	@EventListener
	void onAdminRoleChanged(AdminRoleChanged event) {
		closeUnpermitted((admin) -> (admin.id() == event.adminId())
				? new CurrentAdmin(admin.id(), admin.sessionId(), event.role(), admin.scopes(), admin.logSources())
				: null);
	}

	/**
	 * After a bus loss, when a revocation or a role change made elsewhere may not have
	 * reached this instance: every stream's session and its admin's role as the database
	 * has them now ({@code sessionActive}, {@code roleOf}: empty when the admin is gone).
	 * @return how many streams closed
	 */
	int recheckAll(Predicate<String> sessionActive, Function<Long, Optional<String>> roleOf) {
		Map<Long, Optional<String>> roleNow = new HashMap<>();
		int closed = 0;
		for (Connection connection : this.connections.values()) {
			CurrentAdmin admin = connection.admin();
			Optional<String> role = roleNow.computeIfAbsent(admin.id(), roleOf);
			if (role.isEmpty() || !sessionActive.test(admin.sessionId())) {
				connection.close(CloseReason.SESSION_ENDED);
				closed++;
				continue;
			}
			CurrentAdmin now = new CurrentAdmin(admin.id(), admin.sessionId(), role.get(), admin.scopes(),
					admin.logSources());
			if (!connection.channel().permits(connection, this.roles.current(now))) {
				connection.close(CloseReason.ACCESS_CHANGED);
				closed++;
			}
		}
		return closed;
	}

	/**
	 * Closes the streams whose channel no longer permits them, asking only for those the
	 * change concerns: {@code changed} gives the stream's admin as the change made them,
	 * or null when it does not concern them.
	 */
	private int closeUnpermitted(Function<CurrentAdmin, @Nullable CurrentAdmin> changed) {
		int closed = 0;
		for (Connection connection : this.connections.values()) {
			CurrentAdmin admin = changed.apply(connection.admin());
			if (admin != null && !connection.channel().permits(connection, this.roles.current(admin))) {
				connection.close(CloseReason.ACCESS_CHANGED);
				closed++;
			}
		}
		return closed;
	}

	/**
	 * Every stream was authorised against the replaced database: all close (WebSocket
	 * 1008), and clients that reconnect are authorised against the restored one. After
	 * the sessions are revoked (order), so a reconnect cannot slip in before them.
	 */
	@EventListener
	@Order(10)
	void onDatabaseRestored(DatabaseRestored event) {
		this.connections.values().forEach((connection) -> connection.close(CloseReason.DATABASE_RESTORED));
		log.info("closed every live stream: the database was restored");
	}

	@Scheduled(fixedRateString = "${vigil.stream.heartbeat:30s}", initialDelayString = "${vigil.stream.heartbeat:30s}")
	void heartbeat() {
		this.connections.values().forEach(Connection::sendHeartbeat);
	}

	@Override
	public void start() {
		this.running = true;
	}

	/**
	 * Before the web server's graceful shutdown, which would otherwise wait for every
	 * open stream.
	 */
	@Override
	public void stop() {
		this.running = false;
		List<CompletableFuture<Void>> terminated = new ArrayList<>();
		this.connections.values().forEach((connection) -> {
			terminated.add(connection.terminated());
			connection.close(CloseReason.SHUTDOWN);
		});
		try {
			CompletableFuture.allOf(terminated.toArray(CompletableFuture[]::new)).get(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			log.warn("some live streams did not close in time for shutdown");
		}
		log.info("closed {} live streams for shutdown", terminated.size());
	}

	/**
	 * Streams live as long as the web server does, which a context pause (in tests)
	 * leaves running.
	 */
	@Override
	public boolean isPauseable() {
		return false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
