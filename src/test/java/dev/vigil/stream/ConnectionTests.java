package dev.vigil.stream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static dev.vigil.stream.FakeChannel.event;
import static dev.vigil.stream.FakeChannel.events;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a connection sends, and in which order: its channel's replay first, read a chunk
 * at a time and closed after; then what was queued, a replay queued mid-stream at its
 * place; a channel's state handed back to it typed; and only hub channels on the hub.
 */
class ConnectionTests {

	private final StreamMetrics metrics = new StreamMetrics(new SimpleMeterRegistry());

	private final Hub hub = new Hub(this.metrics);

	private final ConnectionRegistry registry = ConnectionRegistryTests.registry(this.hub, this.metrics, 10);

	/** Runs delivery tasks only when the test says so. */
	private final ManualExecutor executor = new ManualExecutor();

	@Test
	void theFirstReplayGoesBeforeEventsQueuedMeanwhileAndAReplayQueuedLaterGoesAtItsPlace() {
		FakeChannel channel = new FakeChannel().replaying((subscriber) -> Replay.of(events("first")));
		FakeConnection connection = activated(channel);
		AtomicBoolean read = new AtomicBoolean();

		this.hub.publish(FakeChannel.NAME, FakeChannel.KEY, event("a"));
		connection.replay(Replay.lazy(() -> {
			read.set(true);
			return events("b1", "b2");
		}));
		this.hub.publish(FakeChannel.NAME, FakeChannel.KEY, event("c"));
		assertThat(read).as("a queued replay read before its turn").isFalse();
		this.executor.runAll();

		assertThat(connection.written).containsExactly("first", "a", "b1", "b2", "c");
	}

	@Test
	void eventsQueuedWhileTheClientWasBeingWrittenToLeaveInOneFlushAndCountAsSentThen() {
		FakeConnection connection = activated(new FakeChannel());
		this.executor.runAll();
		this.hub.publish(FakeChannel.NAME, FakeChannel.KEY, event("a"));
		this.hub.publish(FakeChannel.NAME, FakeChannel.KEY, event("b"));
		this.hub.publish(FakeChannel.NAME, FakeChannel.KEY, event("c"));
		assertThat(sent()).isZero();
		this.executor.runAll();
		this.hub.publish(FakeChannel.NAME, FakeChannel.KEY, event("d"));
		this.executor.runAll();

		assertThat(connection.written).containsExactly("a", "b", "c", "d");
		assertThat(connection.flushes).containsExactly(3, 1);
		assertThat(sent()).isEqualTo(4);
	}

	@Test
	void aReplayIsReadAChunkAtATimeEachAfterThePreviousIsWrittenAndClosedAfter() {
		List<Integer> writtenBeforeEachRead = new ArrayList<>();
		ChunkedReplay replay = new ChunkedReplay(List.of(events("1", "2"), events("3"), events("4", "5")));
		FakeConnection[] connection = new FakeConnection[1];
		replay.onRead = () -> writtenBeforeEachRead.add(connection[0].written.size());
		connection[0] = activated(new FakeChannel().replaying((subscriber) -> replay));
		this.executor.runAll();

		assertThat(connection[0].written).containsExactly("1", "2", "3", "4", "5");
		assertThat(writtenBeforeEachRead).containsExactly(0, 2, 3, 5);
		assertThat(replay.closed).hasValue(1);
	}

	@Test
	void aConnectionClosedMidReplayReadsNoFurtherChunkAndClosesTheReplay() {
		ChunkedReplay replay = new ChunkedReplay(List.of(events("1"), events("2"), events("3")));
		FakeConnection[] connection = new FakeConnection[1];
		replay.onRead = () -> {
			if (replay.reads == 2) {
				connection[0].close(CloseReason.SLOW_CONSUMER);
			}
		};
		connection[0] = activated(new FakeChannel().replaying((subscriber) -> replay));
		this.executor.runAll();

		assertThat(connection[0].written).containsExactly("1");
		assertThat(replay.reads).isEqualTo(2);
		assertThat(replay.closed).hasValue(1);
		assertThat(connection[0].terminatedWith).containsExactly(CloseReason.SLOW_CONSUMER);
	}

	@Test
	void aReplayQueuedOnAClosedConnectionOrDroppedWhenItClosesIsClosed() {
		FakeConnection connection = activated(new FakeChannel());
		ChunkedReplay queued = new ChunkedReplay(List.of(events("never")));
		connection.replay(queued);
		connection.close(CloseReason.SESSION_ENDED);
		ChunkedReplay late = new ChunkedReplay(List.of(events("never")));
		connection.replay(late);
		this.executor.runAll();

		assertThat(connection.written).isEmpty();
		assertThat(queued.reads).isZero();
		assertThat(queued.closed).hasValue(1);
		assertThat(late.closed).hasValue(1);
	}

	@Test
	void aChannelThatDoesNotPublishThroughTheHubGetsItsOwnStateBackAndIsNotOnTheHub() {
		List<Object> seen = new CopyOnWriteArrayList<>();
		StreamChannel<List<String>> channel = new StreamChannel<>() {

			@Override
			public String name() {
				return "own";
			}

			@Override
			public List<String> opened(StreamSubscriber subscriber) {
				List<String> state = new ArrayList<>(List.of("state"));
				seen.add(state);
				return state;
			}

			@Override
			public Replay replay(List<String> state) {
				seen.add(state);
				return Replay.none();
			}

			@Override
			public void message(List<String> state, String text) {
				state.add(text);
				seen.add(state);
			}

			@Override
			public void closed(List<String> state) {
				seen.add(state);
			}

		};
		FakeConnection connection = activated(channel);
		this.executor.runAll();
		assertThat(this.hub.hasSubscribers("own")).isFalse();

		connection.message("hello");
		connection.close(CloseReason.CLIENT_CLOSED);

		assertThat(seen).hasSize(4).allSatisfy((state) -> assertThat(state).isSameAs(seen.get(0)));
		assertThat(seen.get(0)).isEqualTo(List.of("state", "hello"));
	}

	private double sent() {
		return this.metrics.sent(FakeChannel.NAME, Transport.SSE).count();
	}

	private FakeConnection activated(StreamChannel<?> channel) {
		FakeConnection connection = new FakeConnection(channel, null, this.metrics, this.executor);
		assertThat(this.registry.admit(connection)).isTrue();
		this.registry.activate(connection);
		return connection;
	}

	static final class ManualExecutor implements Executor {

		private final List<Runnable> tasks = new CopyOnWriteArrayList<>();

		@Override
		public void execute(Runnable task) {
			this.tasks.add(task);
		}

		void runAll() {
			while (!this.tasks.isEmpty()) {
				this.tasks.remove(0).run();
			}
		}

	}

	/** Hands out the given chunks one per read, counting reads and closes. */
	static final class ChunkedReplay implements Replay {

		private final List<List<StreamEvent>> chunks;

		final AtomicInteger closed = new AtomicInteger();

		int reads;

		Runnable onRead = () -> {
		};

		ChunkedReplay(List<List<StreamEvent>> chunks) {
			this.chunks = chunks;
		}

		@Override
		public List<StreamEvent> next() throws IOException {
			this.reads++;
			this.onRead.run();
			return (this.reads <= this.chunks.size()) ? this.chunks.get(this.reads - 1) : List.of();
		}

		@Override
		public void close() {
			this.closed.incrementAndGet();
		}

	}

}
