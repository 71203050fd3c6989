package dev.vigil.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.unit.DataSize;

import dev.vigil.auth.CurrentAdmin;
import dev.vigil.cluster.ClusterBus;
import dev.vigil.cluster.Instance;
import dev.vigil.cluster.Instances;
import dev.vigil.stream.Replay;
import dev.vigil.stream.StreamEvent;
import dev.vigil.stream.StreamSubscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay's life on the watched instance: started by a watch, fed by the real tailer,
 * stopped by the watcher, by a lease not renewed, never by another instance's messages;
 * and its bounded queue, which drops (and counts) rather than wait.
 */
class LogRelaysTests {

	private static final long LEASE = 10_000;

	@TempDir
	Path dir;

	private final FakeBus bus = new FakeBus("b");

	private final AtomicLong clock = new AtomicLong(1_000_000);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private LogTailers tailers;

	private LogRelays relays;

	@BeforeEach
	void setUp() throws IOException {
		Files.writeString(this.dir.resolve("vigil.log"), "before\n");
		LogsProperties properties = new LogsProperties(this.dir, "vigil.log", DataSize.ofKilobytes(64),
				Duration.ofMillis(50), 100, 1000, DataSize.ofMegabytes(64), Duration.ofMillis(50),
				LogsProperties.AccessLog.SEPARATE, null, Duration.ofMillis(LEASE));
		LogEvents events = EntryJoiningTests.events();
		LogMetrics metrics = new LogMetrics(this.meters);
		this.tailers = new LogTailers(events, metrics, properties);
		LogSources sources = new LogSources(properties, this.dir);
		RemoteLogs remote = new RemoteLogs(this.bus, new NoInstances(), events, properties);
		LogChannel channel = new LogChannel(this.tailers, sources, new LogHistory(properties), events, properties,
				JsonMapper.builder().build(), remote);
		this.relays = new LogRelays(this.bus, channel, sources, events, metrics, properties, this.clock::get,
				Runnable::run);
	}

	@AfterEach
	void tearDown() {
		this.relays.stop();
		this.tailers.destroy();
	}

	@Test
	void relaysTheWatchedSourceUntilTheWatcherStops() throws IOException {
		this.relays.handle(LogRelayWire.Watch.start("w1", "b", null, Map.of("search", "keep"), null, null));
		assertThat(this.relays.count()).isEqualTo(1);
		assertThat(this.tailers.count()).isEqualTo(1);
		append("drop this line");
		append("keep this line");
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.bus.events("logs.lines.w1").isEmpty());
		List<LogRelayWire.Event> relayed = this.bus.events("logs.lines.w1");
		assertThat(relayed).hasSize(1);
		assertThat(relayed.get(0).name()).isEqualTo("log");
		assertThat(relayed.get(0).data()).contains("keep this line");
		assertThat(relayed.get(0).id()).isNotBlank();

		this.relays.handle(LogRelayWire.Watch.stop("w1", "b"));
		assertThat(this.relays.count()).isZero();
		// The tailer ran for the relay only: it stops with it.
		assertThat(this.tailers.count()).isZero();
	}

	@Test
	void aWatchNotRenewedWithinTheLeaseStops() {
		this.relays.handle(LogRelayWire.Watch.start("w1", "b", null, Map.of(), null, null));
		this.clock.addAndGet(LEASE - 1_000);
		this.relays.handle(LogRelayWire.Watch.renew("w1", "b"));
		this.clock.addAndGet(LEASE - 1_000);
		this.relays.sweep(this.clock.get());
		assertThat(this.relays.count()).isEqualTo(1);

		this.clock.addAndGet(2_000);
		this.relays.sweep(this.clock.get());
		assertThat(this.relays.count()).isZero();
		assertThat(this.tailers.count()).isZero();
	}

	@Test
	void aRenewalOfAnUnknownWatchTellsTheWatcherItEnded() {
		this.relays.handle(LogRelayWire.Watch.renew("gone", "b"));
		assertThat(this.bus.lines("logs.lines.gone")).singleElement()
			.satisfies((lines) -> assertThat(lines.end()).isEqualTo("unknown watch"));
	}

	@Test
	void anUnknownSourceEndsTheWatchAtOnce() {
		this.relays.handle(LogRelayWire.Watch.start("w1", "b", "nope", Map.of(), null, null));
		assertThat(this.relays.count()).isZero();
		assertThat(this.bus.lines("logs.lines.w1")).singleElement()
			.satisfies((lines) -> assertThat(lines.end()).contains("unknown log source"));
	}

	@Test
	void watchesOfAnotherInstanceAreNotServedHere() {
		this.relays.watch(LogRelayWire.Watch.start("w1", "c", null, Map.of(), null, null));
		this.relays.stop();
		assertThat(this.relays.count()).isZero();
		assertThat(this.bus.published).isEmpty();
	}

	@Test
	void aFullRelayDropsCountsAndSaysHowManyWithoutWaiting() {
		List<Runnable> tasks = new ArrayList<>();
		List<LogRelayWire.Lines> published = new ArrayList<>();
		AtomicLong dropped = new AtomicLong();
		LogEvents events = EntryJoiningTests.events();
		LogRelay relay = new LogRelay("w1", null, Map.of(), 4, tasks::add, (lines, done) -> {
			published.add(lines);
			done.run();
		}, events, dropped::incrementAndGet, 0);
		relay.start(Replay.none());
		for (int i = 0; i < 10; i++) {
			relay.offer(StreamEvent.of("log", "1-" + i, "{}", "{}"));
		}
		assertThat(dropped).hasValue(6);
		runAll(tasks);
		assertThat(published).singleElement().satisfies((lines) -> {
			assertThat(lines.from()).isZero();
			assertThat(lines.events()).extracting(LogRelayWire.Event::id).containsExactly("1-0", "1-1", "1-2", "1-3");
		});
		relay.offer(StreamEvent.of("log", "1-10", "{}", "{}"));
		runAll(tasks);
		assertThat(published).hasSize(2);
		assertThat(published.get(1).from()).isEqualTo(4);
		assertThat(published.get(1).events()).extracting(LogRelayWire.Event::name).containsExactly("skipped", "log");
		assertThat(published.get(1).events().get(0).data()).contains("\"count\":6");
	}

	@Test
	void theWatcherSeesGapsAsSkippedAndAnEndAsAnInstanceEvent() {
		RecordingSubscriber subscriber = new RecordingSubscriber();
		RemoteWatch watch = new RemoteWatch("w1", "b", subscriber, EntryJoiningTests.events());
		LogRelayWire.Event line = new LogRelayWire.Event("log", "1-1", "{}", "{\"type\":\"log\"}", false);
		watch.received(new LogRelayWire.Lines("w1", 0, List.of(line), null));
		watch.received(new LogRelayWire.Lines("w1", 3, List.of(line), null));
		watch.received(new LogRelayWire.Lines("w1", -1, List.of(), "unknown watch"));
		watch.received(new LogRelayWire.Lines("w1", 4, List.of(line), null));
		assertThat(subscriber.events).extracting(StreamEvent::name)
			.containsExactly("log", "skipped", "log", "instance");
		assertThat(subscriber.events.get(0).frame()).isEqualTo("{\"type\":\"log\"}");
		assertThat(subscriber.events.get(1).data()).contains("\"count\":2");
		assertThat(subscriber.finished).isTrue();
	}

	@Test
	void aRelayWaitsForTheBusAndDropsIntoSkippedMeanwhile() {
		List<Runnable> tasks = new ArrayList<>();
		List<LogRelayWire.Lines> published = new ArrayList<>();
		List<Runnable> unsent = new ArrayList<>();
		AtomicLong dropped = new AtomicLong();
		LogRelay relay = new LogRelay("w1", null, Map.of(), 4, tasks::add, (lines, done) -> {
			published.add(lines);
			unsent.add(done);
		}, EntryJoiningTests.events(), dropped::incrementAndGet, 0);
		relay.start(Replay.none());
		// Each turn sends what is queued; the bus sends none of it.
		for (int i = 0; i < LogRelay.IN_FLIGHT; i++) {
			relay.offer(StreamEvent.of("log", "1-" + i, "{}", "{}"));
			runAll(tasks);
		}
		assertThat(published).hasSize(LogRelay.IN_FLIGHT);
		// The bus is behind: the relay sends nothing more, its queue fills, the rest is
		// skipped.
		for (int i = 0; i < 10; i++) {
			relay.offer(StreamEvent.of("log", "2-" + i, "{}", "{}"));
			runAll(tasks);
		}
		assertThat(published).hasSize(LogRelay.IN_FLIGHT);
		assertThat(dropped).hasValue(6);
		// The bus catches up: the relay goes on by itself, then says how many it skipped.
		runAll(unsent);
		runAll(tasks);
		assertThat(published).hasSize(LogRelay.IN_FLIGHT + 1);
		assertThat(published.get(LogRelay.IN_FLIGHT).events()).extracting(LogRelayWire.Event::id)
			.containsExactly("2-0", "2-1", "2-2", "2-3");
		relay.offer(StreamEvent.of("log", "3-0", "{}", "{}"));
		runAll(tasks);
		assertThat(published.get(published.size() - 1).events()).extracting(LogRelayWire.Event::name)
			.containsExactly("skipped", "log");
	}

	@Test
	void aBigReplayIsSentInMessagesOfBoundedSize() {
		List<Runnable> tasks = new ArrayList<>();
		List<LogRelayWire.Lines> published = new ArrayList<>();
		LogRelay relay = new LogRelay("w1", null, Map.of(), 4, tasks::add, (lines, done) -> {
			published.add(lines);
			done.run();
		}, EntryJoiningTests.events(), () -> {
		}, 0);
		String big = "x".repeat(64 * 1024);
		List<StreamEvent> lines = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			lines.add(StreamEvent.of("log", "1-" + i, big, big));
		}
		relay.start(Replay.of(lines));
		runAll(tasks);
		assertThat(published).hasSizeGreaterThan(1);
		assertThat(published).allSatisfy(
				(message) -> assertThat(message.events().stream().mapToLong((event) -> event.data().length()).sum())
					.isLessThanOrEqualTo(LogRelay.BATCH_CHARS + big.length()));
		assertThat(published.stream().mapToInt((message) -> message.events().size()).sum()).isEqualTo(40);
		assertThat(published.get(published.size() - 1).from() + published.get(published.size() - 1).events().size())
			.isEqualTo(40);
	}

	private static void runAll(List<Runnable> tasks) {
		while (!tasks.isEmpty()) {
			tasks.remove(0).run();
		}
	}

	private void append(String line) throws IOException {
		Files.writeString(this.dir.resolve("vigil.log"), line + "\n", StandardOpenOption.APPEND);
	}

	/** The bus as the relays use it: what they publish, kept. */
	static final class FakeBus implements ClusterBus {

		final List<Object[]> published = new CopyOnWriteArrayList<>();

		private final String id;

		FakeBus(String id) {
			this.id = id;
		}

		List<LogRelayWire.Lines> lines(String topic) {
			return this.published.stream()
				.filter((message) -> message[0].equals(topic))
				.map((message) -> (LogRelayWire.Lines) message[1])
				.toList();
		}

		List<LogRelayWire.Event> events(String topic) {
			return lines(topic).stream().flatMap((lines) -> lines.events().stream()).toList();
		}

		@Override
		public boolean clustered() {
			return true;
		}

		@Override
		public String instanceId() {
			return this.id;
		}

		@Override
		public void publish(String topic, Object message) {
			this.published.add(new Object[] { topic, message });
		}

		@Override
		public <T> void subscribe(String topic, Class<T> type, Consumer<T> handler) {
		}

		@Override
		public void unsubscribe(String topic) {
		}

		@Override
		public void onRecovered(Consumer<Instant> recovery) {
		}

	}

	private static final class NoInstances implements Instances {

		@Override
		public Instance self() {
			return new Instance("b", "b", 0, 0, Map.of());
		}

		@Override
		public List<Instance> live() {
			return List.of(self());
		}

		@Override
		public void describe(String key, java.util.function.Supplier<Object> value) {
		}

	}

	private static final class RecordingSubscriber implements StreamSubscriber {

		final List<StreamEvent> events = new ArrayList<>();

		boolean finished;

		@Override
		public CurrentAdmin admin() {
			throw new UnsupportedOperationException();
		}

		@Override
		public @Nullable String cursor() {
			return null;
		}

		@Override
		public @Nullable String parameter(String name) {
			return null;
		}

		@Override
		public void offer(StreamEvent event) {
			this.events.add(event);
		}

		@Override
		public void offerControl(StreamEvent event) {
			this.events.add(event);
		}

		@Override
		public void replay(Replay replay) {
		}

		@Override
		public void finish() {
			this.finished = true;
		}

	}

}
