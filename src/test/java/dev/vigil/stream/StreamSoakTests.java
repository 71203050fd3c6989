package dev.vigil.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.vigil.support.LogLines;
import dev.vigil.support.Probes;
import dev.vigil.support.LogDirectory;
import dev.vigil.support.SseClient;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;
import dev.vigil.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Soak: thousands of live connections (default 5,000: 40 % notifications, 40 % logs, 20 %
 * dashboard, each half SSE and half WebSocket, all of one admin) held for a long time
 * (default 10 minutes) under steady traffic: a notification a second, five log lines a
 * second, a dashboard tick every two seconds. Each sample interval the heap is measured
 * after a full GC; afterwards the last samples must be within 10 % of the first one taken
 * after warm-up, every client must have received something in every interval, and every
 * client must have every notification and every line, in order.
 * <p>
 * Not in the normal run (tag {@code soak}); run with
 * {@code ./mvnw -Psoak -Dskip.ui=true test}, and shorter with
 * {@code -Dsoak.duration=2m -Dsoak.sample=30s -Dsoak.connections=1000}. Server and
 * clients share this JVM: {@code ulimit -n} must exceed twice the connections plus a few
 * hundred.
 */
@Tag("soak")
@VigilIntegrationTest
@TestPropertySource(properties = { "vigil.stream.max-per-admin=100000", "vigil.dashboard.interval=2s" })
class StreamSoakTests {

	static final LogDirectory LOGS = LogDirectory.create("vigil-soak");

	private static final Duration DURATION = DurationStyle.detectAndParse(System.getProperty("soak.duration", "10m"));

	private static final Duration SAMPLE = DurationStyle.detectAndParse(System.getProperty("soak.sample", "1m"));

	private static final int CONNECTIONS = Integer.getInteger("soak.connections", 5000);

	/** Heap after GC may grow at most this much from the first sample after warm-up. */
	private static final double TOLERANCE = 0.10;

	@DynamicPropertySource
	static void logDirectory(DynamicPropertyRegistry registry) {
		LOGS.register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	private final List<Long> sent = new CopyOnWriteArrayList<>();

	private volatile int linesWritten;

	private final List<String> trafficErrors = new CopyOnWriteArrayList<>();

	@Test
	void thousandsOfConnectionsUnderSteadyTrafficKeepTheHeapFlatAndLoseNothing() throws Exception {
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		long viewerId = viewer.adminId();
		VigilClient root = VigilClient.root(this.port);

		List<Subscriber> subscribers = open(viewer);
		long logSubscribers = subscribers.stream().filter((s) -> s.kind == Kind.LOGS).count();
		await().atMost(Duration.ofMinutes(2)).until(() -> Probes.openStreams(this.meters) == CONNECTIONS);
		await().atMost(Duration.ofMinutes(1))
			.until(() -> this.meters.get("vigil.logs.subscribers").gauge().value() == logSubscribers);
		report("opened %d connections (%d SSE, %d WebSocket); open fds %d, threads %d", CONNECTIONS,
				subscribers.stream().filter((s) -> s.sse != null).count(),
				subscribers.stream().filter((s) -> s.ws != null).count(), Probes.openFds(), Thread.activeCount());

		List<Subscriber> firstHalf = subscribers.subList(0, subscribers.size() / 2);
		List<Subscriber> secondHalf = subscribers.subList(subscribers.size() / 2, subscribers.size());
		ExecutorService background = Executors.newFixedThreadPool(4);
		List<Future<?>> tasks = new ArrayList<>();
		long start = System.nanoTime();
		long end = start + DURATION.toNanos();
		tasks.add(background.submit(() -> drain(firstHalf, end)));
		tasks.add(background.submit(() -> drain(secondHalf, end)));
		tasks.add(background.submit(() -> send(root, viewerId, end)));
		tasks.add(background.submit(() -> write(end)));

		List<Sample> samples = new ArrayList<>();
		int silentIntervals = 0;
		long count = DURATION.toNanos() / SAMPLE.toNanos();
		for (int i = 1; i <= count; i++) {
			TimeUnit.NANOSECONDS.sleep(Math.max(0, start + i * SAMPLE.toNanos() - System.nanoTime()));
			long silent = subscribers.stream().filter((s) -> s.sinceSample.getAndSet(0) == 0).count();
			silentIntervals += (silent > 0) ? 1 : 0;
			Sample sample = new Sample(i, heapAfterGc(), Probes.openFds(), Thread.activeCount(),
					Probes.openStreams(this.meters), silent, this.sent.size(), this.linesWritten);
			samples.add(sample);
			report("sample %d: heap after GC %.1f MB, open fds %d, threads %d, connections %.0f, silent clients %d, "
					+ "notifications %d, lines %d", sample.n, sample.heap / 1e6, sample.fds, sample.threads,
					sample.connections, sample.silent, sample.notifications, sample.lines);
		}
		for (Future<?> task : tasks) {
			task.get(2, TimeUnit.MINUTES);
		}
		background.shutdown();

		// Traffic has stopped: every client catches up with everything that was sent
		// (what is still missing
		// after two minutes is reported as lost).
		long catchUp = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		do {
			drainOnce(subscribers);
			pause(200);
		}
		while (System.nanoTime() < catchUp && !subscribers.stream().allMatch((s) -> s.caughtUp() || s.problem != null));
		Map<String, Long> lostBy = new TreeMap<>();
		subscribers.stream()
			.filter((s) -> s.lost() != 0)
			.forEach((s) -> lostBy.merge(s.kind + "/" + ((s.sse != null) ? "sse" : "ws"), s.lost(), Long::sum));
		Map<String, Long> lostClients = new TreeMap<>();
		subscribers.stream()
			.filter((s) -> s.lost() != 0)
			.forEach((s) -> lostClients.merge(s.kind + "/" + ((s.sse != null) ? "sse" : "ws"), 1L, Long::sum));
		if (!lostBy.isEmpty()) {
			report("lost events by stream/transport %s, clients affected %s; examples %s", lostBy, lostClients,
					subscribers.stream().filter((s) -> s.lost() != 0).limit(5).map(Subscriber::describe).toList());
		}
		long lost = subscribers.stream().mapToLong(Subscriber::lost).sum();
		long received = subscribers.stream().mapToLong((s) -> s.received).sum();
		List<String> problems = subscribers.stream()
			.filter((s) -> s.problem != null)
			.map((s) -> s.problem)
			.limit(20)
			.toList();
		long stillOpen = subscribers.stream().filter(Subscriber::open).count();
		long sentSum = this.sent.stream().mapToLong(Long::longValue).sum();
		long otherIds = subscribers.stream()
			.filter((s) -> s.kind == Kind.NOTIFICATIONS && s.notificationSum != sentSum)
			.count();
		double seconds = (System.nanoTime() - start) / 1e9;
		Sample first = samples.get(0);
		List<String> deltas = samples.stream()
			.map((s) -> String.format("%+.1f%%", 100.0 * (s.heap - first.heap) / first.heap))
			.toList();
		report("soak: %d connections for %.0f s; %d notifications sent, %d log lines written, %d events received, "
				+ "lost %d, clients with other ids %d, problems %d, still open %d, intervals with a silent client %d; "
				+ "heap after GC MB %s; deltas vs sample 1 %s; traffic errors %s", CONNECTIONS, seconds,
				this.sent.size(), this.linesWritten, received, lost, otherIds, problems.size(), stillOpen,
				silentIntervals, samples.stream().map((s) -> String.format("%.1f", s.heap / 1e6)).toList(), deltas,
				this.trafficErrors);

		subscribers.forEach(Subscriber::abort);

		assertThat(this.trafficErrors).as("sends and writes").isEmpty();
		assertThat(problems).as("clients closed, reset or out of order").isEmpty();
		assertThat(lost).as("events lost").isZero();
		assertThat(otherIds).as("notification clients whose ids are not exactly those sent").isZero();
		assertThat(stillOpen).as("clients still connected").isEqualTo(CONNECTIONS);
		assertThat(silentIntervals).as("sample intervals in which some client received nothing").isZero();
		assertThat(samples).as("heap samples").hasSizeGreaterThanOrEqualTo(2);
		// The last third of the run (at least the last sample) against the first sample
		// after warm-up.
		List<Sample> last = samples.subList(samples.size() - Math.max(1, samples.size() / 3), samples.size());
		for (Sample sample : last) {
			assertThat(sample.heap).as("heap after GC at sample %d vs %.1f MB at sample 1", sample.n, first.heap / 1e6)
				.isLessThanOrEqualTo((long) (first.heap * (1 + TOLERANCE)));
		}
	}

	/**
	 * Opens the connections from a few threads; each kind half over SSE and half over
	 * WebSocket.
	 */
	private List<Subscriber> open(VigilClient viewer) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Future<Subscriber>> opening = new ArrayList<>();
		for (int i = 0; i < CONNECTIONS; i++) {
			int n = i;
			Kind kind = (n % 5 < 2) ? Kind.NOTIFICATIONS : (n % 5 < 4) ? Kind.LOGS : Kind.DASHBOARD;
			boolean webSocket = (n / 5) % 2 == 1;
			opening.add(pool.submit(() -> new Subscriber(kind, webSocket, viewer)));
		}
		List<Subscriber> subscribers = new ArrayList<>();
		for (Future<Subscriber> subscriber : opening) {
			subscribers.add(subscriber.get());
		}
		pool.shutdown();
		return subscribers;
	}

	private void drain(List<Subscriber> subscribers, long end) {
		while (System.nanoTime() < end) {
			drainOnce(subscribers);
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private void drainOnce(List<Subscriber> subscribers) {
		for (Subscriber subscriber : subscribers) {
			subscriber.drain();
		}
	}

	/**
	 * A notification a second through the REST API, refreshing the sender's access token
	 * as a browser would.
	 */
	private void send(VigilClient root, long viewerId, long end) {
		long refreshed = System.nanoTime();
		for (int i = 0; System.nanoTime() < end; i++) {
			if (System.nanoTime() - refreshed > Duration.ofMinutes(1).toNanos()) {
				root.get("/api/admin/auth").assertStatus(200);
				refreshed = System.nanoTime();
			}
			VigilClient.Response response = root.post("/api/admin/notifications/send",
					Map.of("admin_id", viewerId, "type", "info", "title", "soak " + i, "message", ""));
			if (response.status() == 201) {
				this.sent.add(response.json().get("id").asLong());
			}
			else {
				this.trafficErrors.add("send: " + response.status() + " " + response.body());
			}
			pause(1000);
		}
	}

	private void write(long end) {
		for (int seq = 0; System.nanoTime() < end; seq++) {
			try {
				LOGS.append(LogLines.line("info", "soak seq " + seq) + "\n");
				this.linesWritten = seq + 1;
			}
			catch (IOException ex) {
				this.trafficErrors.add("write: " + ex);
			}
			pause(200);
		}
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Used heap after two full collections (the second catches what the first's
	 * finalisation freed).
	 */
	private static long heapAfterGc() {
		System.gc();
		pause(200);
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/** Prints a line and appends it to {@code target/soak/soak-report.txt}. */
	private static void report(String format, Object... args) {
		String line = Instant.now() + " " + String.format(format, args);
		System.out.println(line);
		try {
			Path file = Path.of("target", "soak", "soak-report.txt");
			Files.createDirectories(file.getParent());
			Files.writeString(file, line + "\n", java.nio.file.StandardOpenOption.CREATE,
					java.nio.file.StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	record Sample(int n, long heap, long fds, int threads, double connections, long silent, int notifications,
			int lines) {
	}

	enum Kind {

		NOTIFICATIONS("/api/admin/notifications/stream"), LOGS("/api/admin/logs/stream"),
		DASHBOARD("/api/admin/dashboard/stream");

		final String path;

		Kind(String path) {
			this.path = path;
		}

	}

	/**
	 * One client and what it has checked so far. Only counters are kept, so the test's
	 * own heap stays flat: each notification must be the next id sent, each log line the
	 * next number written.
	 */
	final class Subscriber {

		final Kind kind;

		final SseClient sse;

		final WsClient ws;

		final AtomicInteger sinceSample = new AtomicInteger();

		long received;

		int notifications;

		long lastNotification = -1;

		long notificationSum;

		long lastLine = -1;

		volatile String problem;

		Subscriber(Kind kind, boolean webSocket, VigilClient viewer) {
			this.kind = kind;
			this.ws = webSocket ? WsClient.connect(viewer, kind.path) : null;
			this.sse = webSocket ? null : SseClient.open(viewer, kind.path);
			if (this.sse != null) {
				assertThat(this.sse.status()).isEqualTo(200);
			}
		}

		/** Takes whatever has arrived; called by one drain thread at a time. */
		synchronized void drain() {
			if (this.sse != null) {
				SseClient.Event event;
				while ((event = this.sse.next(Duration.ZERO)) != null) {
					if (event.name().equals(SseClient.END)) {
						fail("SSE stream ended");
						return;
					}
					accept(event.name(), event.name().equals("notification") ? notificationType(event.data()) : null,
							event.id(), event.data());
				}
			}
			else {
				WsClient.Frame frame;
				while ((frame = this.ws.next(Duration.ZERO)) != null) {
					String text = frame.text();
					String type = text.substring(9, text.indexOf('"', 9));
					accept(type, type, idOf(text), text);
				}
				if (this.ws.isClosed()) {
					fail("WebSocket closed");
				}
			}
		}

		private void accept(String name, String notificationType, String id, String text) {
			this.received++;
			this.sinceSample.incrementAndGet();
			switch (this.kind) {
				case NOTIFICATIONS -> {
					if ("unread_count".equals(notificationType)) {
						return;
					}
					if (!"notification".equals(notificationType)) {
						fail("unexpected " + name + " " + text);
						return;
					}
					// The event may beat the sender's 201: checked as it comes (each id
					// above the last), and
					// against what was sent by count and sum once traffic stops (only
					// this test notifies
					// this admin, so rising ids of the right count and sum are exactly
					// the ids sent).
					long notification = Long.parseLong(id);
					if (notification <= this.lastNotification) {
						fail("notification " + id + " after " + this.lastNotification);
					}
					this.lastNotification = notification;
					this.notificationSum += notification;
					this.notifications++;
				}
				case LOGS -> {
					if (!name.equals("log")) {
						fail("unexpected " + name + " " + text);
						return;
					}
					int at = text.indexOf("soak seq ") + 9;
					long seq = Long.parseLong(text.substring(at, text.indexOf('"', at)));
					if (seq != this.lastLine + 1) {
						fail("line " + seq + " after " + this.lastLine);
					}
					this.lastLine = seq;
				}
				case DASHBOARD -> {
					if (!name.equals("metrics")) {
						fail("unexpected " + name + " " + text);
					}
				}
			}
		}

		private void fail(String why) {
			if (this.problem == null) {
				this.problem = this.kind + " " + ((this.sse != null) ? "SSE" : "WS") + ": " + why;
			}
		}

		synchronized boolean caughtUp() {
			return switch (this.kind) {
				case NOTIFICATIONS -> this.notifications >= StreamSoakTests.this.sent.size();
				case LOGS -> this.lastLine == StreamSoakTests.this.linesWritten - 1;
				case DASHBOARD -> true;
			};
		}

		synchronized long lost() {
			return switch (this.kind) {
				case NOTIFICATIONS -> StreamSoakTests.this.sent.size() - this.notifications;
				case LOGS -> StreamSoakTests.this.linesWritten - 1 - this.lastLine;
				case DASHBOARD -> 0;
			};
		}

		String describe() {
			return this.kind + "/" + ((this.sse != null) ? "sse" : "ws") + " received " + this.received
					+ ", notifications " + this.notifications + " (last " + this.lastNotification + "), last line "
					+ this.lastLine + ", problem " + this.problem + ", open " + open();
		}

		boolean open() {
			return (this.sse != null) ? this.problem == null : !this.ws.isClosed();
		}

		void abort() {
			if (this.sse != null) {
				this.sse.close();
			}
			else {
				this.ws.abort();
			}
		}

		private static String notificationType(String data) {
			int at = data.indexOf("\"type\":\"") + 8;
			return data.substring(at, data.indexOf('"', at));
		}

		private static String idOf(String text) {
			int at = text.indexOf("\"id\":");
			if (at < 0) {
				return null;
			}
			int from = at + 5;
			if (text.charAt(from) == '"') {
				return text.substring(from + 1, text.indexOf('"', from + 1));
			}
			int to = from;
			while (to < text.length() && Character.isDigit(text.charAt(to))) {
				to++;
			}
			return text.substring(from, to);
		}

	}

}
