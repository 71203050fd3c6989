package dev.vigil.stream;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import dev.vigil.auth.Roles;
import dev.vigil.auth.SessionService;
import dev.vigil.cluster.SharedCounts;
import dev.vigil.support.Probes;

import static dev.vigil.stream.FakeChannel.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The registry's bookkeeping when a connection ends at awkward moments. A channel may
 * count its listeners through opened/closed, so a closed without its opened — a client
 * that left during the handshake — must never reach it.
 */
class ConnectionRegistryTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final StreamMetrics metrics = new StreamMetrics(this.meters);

	private final Hub hub = new Hub(this.metrics);

	private final FakeChannel channel = new FakeChannel();

	private final ConnectionRegistry registry = registry(this.hub, this.metrics, 1);

	@Test
	void aConnectionReleasedWhileOpeningIsNeitherAnnouncedNorSubscribed() {
		FakeConnection connection = new FakeConnection(this.channel, this.metrics);
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
		FakeConnection connection = new FakeConnection(this.channel, this.metrics);
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
		assertThat(this.registry.admit(new FakeConnection(this.channel, this.metrics))).isTrue();
	}

	@Test
	void aResumingConnectionDropsALiveEventItsCursorCovers() {
		// The fan-out of event 7, published before this connection subscribed, reaches it
		// while its replay is read; the client had 7 on its previous connection.
		FakeChannel channel = new FakeChannel().replaying((subscriber) -> {
			this.hub.publish("test", "key", StreamEvent.of("test", "7", 7, "old 7"));
			return Replay.after(Long.parseLong(subscriber.cursor()), List.of(event("count")));
		});
		FakeConnection connection = new FakeConnection(channel, "7", this.metrics);
		this.registry.admit(connection);
		this.registry.activate(connection);
		this.hub.publish("test", "key", StreamEvent.of("test", "8", 8, "new 8"));

		assertThat(connection.written).containsExactly("count", "new 8");
	}

	/**
	 * A write in progress when shutdown closed the stream, failing afterwards (the peer
	 * went too).
	 */
	@Test
	void aWriteFailingAfterShutdownClosedTheStreamEndsItAtOnceWithTheShutdownCode() throws Exception {
		CountDownLatch writing = new CountDownLatch(1);
		CountDownLatch fail = new CountDownLatch(1);
		ExecutorService executor = Executors.newCachedThreadPool();
		try {
			FakeConnection connection = new FakeConnection(this.channel, null, this.metrics, executor) {

				@Override
				void write(StreamEvent event) throws IOException {
					writing.countDown();
					try {
						fail.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					throw new IOException("broken pipe");
				}

			};
			this.registry.admit(connection);
			this.registry.activate(connection);
			this.hub.publish("test", "key", event("blocked"));
			assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();

			long start = System.nanoTime();
			Thread stop = new Thread(this.registry::stop);
			stop.start();
			await().atMost(Duration.ofSeconds(5)).until(connection::isClosed);
			fail.countDown();
			stop.join(5000);
			long stopMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();

			assertThat(stopMillis).as("shutdown waiting for a stream whose write failed").isLessThan(1000);
			assertThat(connection.terminated()).isDone();
			assertThat(connection.terminatedWith).containsExactly(CloseReason.SHUTDOWN);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void aConnectionAdmittedWhileTheServerStopsIsClosedForShutdown() {
		FakeConnection connection = new FakeConnection(this.channel, this.metrics) {

			/** Called by admit after its running check: shutdown starts right there. */
			@Override
			void admitted(ConnectionRegistry registry) {
				registry.stop();
				super.admitted(registry);
			}

		};
		if (this.registry.admit(connection)) {
			this.registry.activate(connection);
		}

		assertThat(connection.isClosed()).isTrue();
		assertThat(connection.terminated()).isDone();
		assertThat(this.channel.opened).hasValue(this.channel.closed.get());
		assertThat(Probes.openStreams(this.meters)).isZero();
	}

	/**
	 * Markers are put in by whichever publisher finds room first; two at once must not
	 * both send one.
	 */
	@Test
	void aSkippedMarkerNeverCarriesACountOfZero() throws Exception {
		AtomicLong markers = new AtomicLong();
		AtomicLong zeros = new AtomicLong();
		FakeChannel skipping = new FakeChannel() {

			@Override
			public Overflow overflow() {
				return Overflow.SKIP;
			}

			@Override
			public int queueSize() {
				return 64;
			}

			@Override
			public StreamEvent skipped(long count) {
				markers.incrementAndGet();
				if (count == 0) {
					zeros.incrementAndGet();
				}
				return event("skipped");
			}

		};
		ExecutorService executor = Executors.newCachedThreadPool();
		try {
			// Written nowhere: the faster the queue empties, the more often publishers
			// race
			// to mark a gap.
			Connection connection = new FakeConnection(skipping, null, this.metrics, executor) {

				@Override
				void write(StreamEvent event) {
				}

			};
			this.registry.admit(connection);
			this.registry.activate(connection);
			StreamEvent event = event("e");
			long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			List<Thread> publishers = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				Thread publisher = new Thread(() -> {
					while (zeros.get() == 0 && System.nanoTime() < end) {
						for (int i = 0; i < 1000; i++) {
							connection.offer(event);
						}
					}
				});
				publishers.add(publisher);
				publisher.start();
			}
			for (Thread publisher : publishers) {
				publisher.join();
			}
			System.out.printf("skipped markers: %d, with count 0: %d%n", markers.get(), zeros.get());
			assertThat(markers).as("markers sent").hasPositiveValue();
			assertThat(zeros).as("markers with count 0").hasValue(0);
		}
		finally {
			executor.shutdownNow();
		}
	}

	/** A started registry whose sessions are all active, with caps of {@code cap}. */
	static ConnectionRegistry registry(Hub hub, StreamMetrics metrics, int cap) {
		SessionService sessions = mock(SessionService.class);
		given(sessions.isActive(any())).willReturn(true);
		StreamProperties properties = new StreamProperties(16, cap, cap, Duration.ofSeconds(30), 10,
				DataSize.ofKilobytes(64), Duration.ofSeconds(10), false);
		ConnectionRegistry registry = new ConnectionRegistry(hub, metrics, properties, sessions, mock(Roles.class),
				new AdminStreamCap(SharedCounts.inMemory(), properties));
		registry.start();
		return registry;
	}

}
