package dev.vigil.stream;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import dev.vigil.auth.CurrentAdmin;
import dev.vigil.auth.SessionService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The registry's bookkeeping when a connection ends at awkward moments. A channel counts its
 * listeners through opened/closed (the dashboard computes snapshots only above zero), so a closed
 * without its opened — a client that left during the handshake — must never reach it.
 */
class ConnectionRegistryTests {

	private static final CurrentAdmin ADMIN = new CurrentAdmin(1, "session-1", List.of());

	private final StreamMetrics metrics = new StreamMetrics(new SimpleMeterRegistry());

	private final Hub hub = new Hub(this.metrics);

	private final CountingChannel channel = new CountingChannel();

	private final ConnectionRegistry registry = registry();

	@Test
	void aConnectionReleasedWhileOpeningIsNeitherAnnouncedNorSubscribed() {
		TestConnection connection = new TestConnection(this.channel, this.metrics);
		assertThat(this.registry.admit(connection)).isTrue();

		connection.released(CloseReason.CLIENT_CLOSED);
		this.registry.activate(connection);
		this.hub.publish("test", "key", event("late"));

		assertThat(this.channel.opened).hasValue(0);
		assertThat(this.channel.closed).hasValue(0);
		assertThat(connection.written).isEmpty();
		assertThat(connection.terminated()).isDone();
	}

	@Test
	void anActivatedConnectionIsAnnouncedOpenThenClosedOnceAndGetsNothingAfterwards() {
		TestConnection connection = new TestConnection(this.channel, this.metrics);
		this.registry.admit(connection);
		this.registry.activate(connection);
		this.hub.publish("test", "key", event("first"));

		connection.close(CloseReason.SLOW_CONSUMER);
		connection.released(CloseReason.CLIENT_CLOSED);
		this.hub.publish("test", "key", event("after close"));

		assertThat(this.channel.opened).hasValue(1);
		assertThat(this.channel.closed).hasValue(1);
		assertThat(connection.written).containsExactly("first");
		assertThat(connection.terminatedWith).containsExactly(CloseReason.SLOW_CONSUMER);
		// The slot is free again: the cap of one admits a new connection.
		assertThat(this.registry.admit(new TestConnection(this.channel, this.metrics))).isTrue();
	}

	@Test
	void aResumingConnectionDropsALiveEventItsCursorCovers() {
		// The fan-out of event 7, published before this connection subscribed, reaches it while its
		// backlog is read; the client had 7 on its previous connection.
		StreamChannel channel = new CountingChannel() {

			@Override
			public List<StreamEvent> backlog(CurrentAdmin admin, String cursor) {
				ConnectionRegistryTests.this.hub.publish("test", "key", StreamEvent.of("test", "7", 7, "old 7"));
				return List.of(event("count"));
			}

			@Override
			public long resumedAt(String cursor) {
				return Long.parseLong(cursor);
			}

		};
		TestConnection connection = new TestConnection(channel, "7", this.metrics);
		this.registry.admit(connection);
		this.registry.activate(connection);
		this.hub.publish("test", "key", StreamEvent.of("test", "8", 8, "new 8"));

		assertThat(connection.written).containsExactly("count", "new 8");
	}

	private ConnectionRegistry registry() {
		SessionService sessions = mock(SessionService.class);
		given(sessions.isActive(any())).willReturn(true);
		StreamProperties properties = new StreamProperties(16, 1, 1, Duration.ofSeconds(30), 10,
				DataSize.ofKilobytes(64), Duration.ofSeconds(10), DataSize.ofKilobytes(512));
		ConnectionRegistry registry = new ConnectionRegistry(this.hub, this.metrics, properties, sessions);
		registry.start();
		return registry;
	}

	private static StreamEvent event(String data) {
		return StreamEvent.of("test", data);
	}

	static class CountingChannel implements StreamChannel {

		final AtomicInteger opened = new AtomicInteger();

		final AtomicInteger closed = new AtomicInteger();

		@Override
		public String name() {
			return "test";
		}

		@Override
		public Object key(CurrentAdmin admin) {
			return "key";
		}

		@Override
		public List<StreamEvent> backlog(CurrentAdmin admin, String cursor) {
			return List.of();
		}

		@Override
		public void opened(StreamSubscriber subscriber) {
			this.opened.incrementAndGet();
		}

		@Override
		public void closed(StreamSubscriber subscriber) {
			this.closed.incrementAndGet();
		}

	}

	/** Delivers on the calling thread and records what reached the "socket". */
	static final class TestConnection extends Connection {

		final List<String> written = new CopyOnWriteArrayList<>();

		final List<CloseReason> terminatedWith = new CopyOnWriteArrayList<>();

		TestConnection(StreamChannel channel, StreamMetrics metrics) {
			this(channel, null, metrics);
		}

		TestConnection(StreamChannel channel, String cursor, StreamMetrics metrics) {
			super(channel, ADMIN, cursor, Map.of(), 16, Runnable::run, metrics);
		}

		@Override
		Transport transport() {
			return Transport.SSE;
		}

		@Override
		void write(StreamEvent event) {
			this.written.add(event.data());
		}

		@Override
		void heartbeat() {
		}

		@Override
		void terminate(CloseReason reason) {
			this.terminatedWith.add(reason);
		}

	}

}
