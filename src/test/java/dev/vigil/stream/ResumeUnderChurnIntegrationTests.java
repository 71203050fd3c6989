package dev.vigil.stream;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.vigil.support.LogLines;
import dev.vigil.support.LogDirectory;
import dev.vigil.support.SseClient;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;
import dev.vigil.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that keep dropping their connection (a clean close, a vanished tab, a drop in
 * the middle of the replay) and resuming from their last id, while notifications are sent
 * and log lines written steadily and the log file is rotated: each client ends up with
 * every notification and every line exactly once, in order. Log clients also drop at each
 * rotation, so every one of them resumes from a cursor in the file that was just rotated
 * away.
 */
@VigilIntegrationTest
@TestPropertySource(properties = { "vigil.stream.max-per-admin=1000", "vigil.stream.heartbeat=300ms" })
class ResumeUnderChurnIntegrationTests {

	static final LogDirectory LOGS = LogDirectory.create("vigil-churn-test");

	private static final String NOTIFICATIONS = "/api/admin/notifications/stream";

	private static final String LOG_STREAM = "/api/admin/logs/stream";

	private static final int CLIENTS_PER_KIND = 3;

	private static final int NOTIFICATIONS_SENT = 400;

	private static final int LINES = 8_000;

	private static final int ROTATE_EVERY = 2_000;

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@DynamicPropertySource
	static void logDirectory(DynamicPropertyRegistry registry) {
		LOGS.register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ConnectionRegistry registry;

	/** What every notification client must end with: the ids the sends got, in order. */
	private final List<Long> sent = new CopyOnWriteArrayList<>();

	private volatile boolean sending = true;

	private volatile boolean writing = true;

	private final AtomicInteger rotations = new AtomicInteger();

	private final String token = "churn" + UUID.randomUUID().toString().substring(0, 8);

	@Test
	void clientsDroppingAndResumingMissNothingAndSeeNothingTwice() throws Exception {
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		long viewerId = viewer.adminId();
		VigilClient root = VigilClient.root(this.port);

		List<Churner> clients = new ArrayList<>();
		for (int i = 0; i < CLIENTS_PER_KIND; i++) {
			clients.add(new Churner("notifications-sse-" + i, viewer, Kind.NOTIFICATIONS, false, i));
			clients.add(new Churner("notifications-ws-" + i, viewer, Kind.NOTIFICATIONS, true, i));
			clients.add(new Churner("logs-sse-" + i, viewer, Kind.LOGS, false, i));
			clients.add(new Churner("logs-ws-" + i, viewer, Kind.LOGS, true, i));
		}
		List<Churner> logClients = clients.stream().filter((c) -> c.kind == Kind.LOGS).toList();

		ExecutorService pool = Executors.newFixedThreadPool(clients.size() + 2);
		long start = System.nanoTime();
		try {
			List<Future<?>> running = new ArrayList<>();
			for (Churner client : clients) {
				running.add(pool.submit(client::run));
			}
			// A log client has a cursor once it has a line; until then it keeps its first
			// connection, which
			// must be subscribed before the first line is written.
			await().atMost(PATIENCE)
				.until(() -> this.meters.get("vigil.logs.subscribers").gauge().value() >= logClients.size());
			running.add(pool.submit(() -> send(root, viewerId)));
			running.add(pool.submit(() -> write(logClients)));
			List<String> failures = new ArrayList<>();
			for (Future<?> future : running) {
				try {
					future.get();
				}
				catch (java.util.concurrent.ExecutionException ex) {
					failures.add(String.valueOf(ex.getCause().getMessage()));
				}
			}
			assertThat(failures).as("clients, sender and writer that failed").isEmpty();
		}
		finally {
			pool.shutdownNow();
		}
		double seconds = (System.nanoTime() - start) / 1e9;

		assertThat(this.sent).hasSize(NOTIFICATIONS_SENT);
		List<Integer> lines = new ArrayList<>();
		for (int i = 0; i < LINES; i++) {
			lines.add(i);
		}
		long missed = 0;
		long duplicated = 0;
		long reconnects = 0;
		long crossRotation = 0;
		long events = 0;
		long lineEvents = 0;
		for (Churner client : clients) {
			List<? extends Number> expected = (client.kind == Kind.NOTIFICATIONS) ? this.sent : lines;
			Set<Long> got = new HashSet<>(client.received);
			missed += expected.stream().filter((n) -> !got.contains(n.longValue())).count();
			duplicated += client.received.size() - got.size();
			reconnects += client.connects - 1;
			crossRotation += client.resumesAcrossRotation;
			if (client.kind == Kind.NOTIFICATIONS) {
				events += client.received.size();
			}
			else {
				lineEvents += client.received.size();
			}
		}
		System.out.printf(
				"resume under churn: %d clients, %d reconnects (%d resuming across a rotation), %d notification events "
						+ "checked, %d log lines checked, %d rotations, missed %d, duplicated %d, %.1f s%n",
				clients.size(), reconnects, crossRotation, events, lineEvents, this.rotations.get(), missed, duplicated,
				seconds);
		for (Churner client : clients) {
			List<Long> expected = (client.kind == Kind.NOTIFICATIONS) ? this.sent
					: lines.stream().map(Integer::longValue).toList();
			assertThat(client.received)
				.as("%s: every event once, in order; connection/mode:event %s", client.name, client.trace)
				.isEqualTo(expected);
			assertThat(client.connects).as("%s reconnected", client.name).isGreaterThan(3);
		}
		assertThat(missed).isZero();
		assertThat(duplicated).isZero();
		assertThat(this.rotations.get()).isEqualTo(LINES / ROTATE_EVERY - 1);
		assertThat(crossRotation).as("resumes from a cursor in the file just rotated away")
			.isGreaterThanOrEqualTo(logClients.size() * this.rotations.get());
	}

	/** Sends the notifications one after another, each a 201 with its id. */
	private void send(VigilClient root, long viewerId) {
		try {
			for (int i = 0; i < NOTIFICATIONS_SENT; i++) {
				this.sent.add(root
					.post("/api/admin/notifications/send",
							Map.of("admin_id", viewerId, "type", "info", "title", "churn " + i, "message", ""))
					.assertStatus(201)
					.json()
					.get("id")
					.asLong());
				Thread.sleep(5);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.sending = false;
		}
	}

	/**
	 * Writes numbered lines in small bursts and rotates the file (rename; the next write
	 * recreates it) every {@link #ROTATE_EVERY} lines. Each rotation waits until every
	 * log client has the lines before it: a cursor is honoured one rotation back (older
	 * ones get {@code reset}, by design), and this makes the test about losing nothing,
	 * not about how slow a reconnect on a loaded machine can be.
	 */
	private void write(List<Churner> logClients) {
		try {
			for (int i = 0; i < LINES; i += 10) {
				if (i > 0 && i % ROTATE_EVERY == 0) {
					int before = i;
					try {
						await().atMost(PATIENCE).until(() -> logClients.stream().allMatch((c) -> c.last >= before - 1));
					}
					catch (org.awaitility.core.ConditionTimeoutException ex) {
						throw new AssertionError("writer: before rotating at " + before + ", clients behind: "
								+ logClients.stream()
									.filter((c) -> c.last < before - 1)
									.map((c) -> c.name + " at " + c.last + " trace "
											+ c.trace.subList(Math.max(0, c.trace.size() - 6), c.trace.size()))
									.toList());
					}
					LOGS.rotate();
					this.rotations.incrementAndGet();
				}
				StringBuilder burst = new StringBuilder();
				for (int j = i; j < i + 10; j++) {
					burst.append(line(j)).append('\n');
				}
				LOGS.append(burst.toString());
				Thread.sleep(10);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.writing = false;
		}
	}

	private String line(int seq) {
		return LogLines.line("info", this.token + " seq " + seq);
	}

	enum Kind {

		NOTIFICATIONS, LOGS

	}

	/**
	 * One event as either transport delivers it: its type, resume cursor, and its number
	 * (id or line).
	 */
	record Received(String type, String cursor, long number) {
	}

	/**
	 * A connection of either transport, read as {@link Received} events; null when it
	 * ended.
	 */
	interface Feed extends AutoCloseable {

		Received next(Duration timeout);

		void abort();

		@Override
		void close();

	}

	/**
	 * One client: connects (resuming from its cursor), reads a random number of events,
	 * drops the connection one of three ways, and again, until it has everything that was
	 * sent.
	 */
	final class Churner {

		final String name;

		final VigilClient client;

		final Kind kind;

		final boolean webSocket;

		final Random random;

		final List<Long> received = Collections.synchronizedList(new ArrayList<>());

		/**
		 * Which connection (and how it was to end) delivered each event: the story behind
		 * a failure.
		 */
		final List<String> trace = Collections.synchronizedList(new ArrayList<>());

		volatile long last = -1;

		int connects;

		int resumesAcrossRotation;

		/**
		 * The resume cursor: a notification id, or a log cursor {@code <file>-<offset>}.
		 */
		String cursor;

		Churner(String name, VigilClient client, Kind kind, boolean webSocket, int seed) {
			this.name = name;
			this.client = client;
			this.kind = kind;
			this.webSocket = webSocket;
			this.random = new Random(seed * 31L + kind.ordinal() * 7L + (webSocket ? 1 : 0));
			// Notifications: from before this admin's first one. Logs: the first
			// connection starts live.
			this.cursor = (kind == Kind.NOTIFICATIONS) ? "0" : null;
		}

		void run() {
			long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			while (!complete()) {
				assertThat(System.nanoTime()).as("%s got everything in time (has %d)", this.name, this.received.size())
					.isLessThan(deadline);
				session();
			}
		}

		private String serverView() {
			MeterRegistry meters = ResumeUnderChurnIntegrationTests.this.meters;
			StringBuilder state = new StringBuilder();
			try {
				java.lang.reflect.Field field = ConnectionRegistry.class.getDeclaredField("connections");
				field.setAccessible(true);
				for (Object c : ((Map<?, ?>) field.get(ResumeUnderChurnIntegrationTests.this.registry)).values()) {
					state.append(describe(c)).append("; ");
				}
			}
			catch (ReflectiveOperationException ex) {
				state.append(ex);
			}
			Thread.getAllStackTraces().forEach((thread, stack) -> {
				if (thread.getName().startsWith("log-tailer") || (thread.getName().startsWith("stream-")
						&& stack.length > 0
						&& java.util.Arrays.stream(stack).anyMatch((f) -> f.getClassName().contains("Connection")))) {
					state.append("\n").append(thread.getName()).append(": ");
					java.util.Arrays.stream(stack).limit(25).forEach((f) -> state.append("\n  ").append(f));
				}
			});
			state.append("\nsockets:\n").append(sockets());
			return state + " server: log subscribers " + meters.get("vigil.logs.subscribers").gauge().value()
					+ ", tailers " + meters.get("vigil.logs.tailers").gauge().value() + ", connections "
					+ meters.find("vigil.stream.connections")
						.gauges()
						.stream()
						.map((g) -> g.getId().getTag("stream") + "/" + g.getId().getTag("transport") + "=" + g.value())
						.toList();
		}

		/**
		 * Both ends of every connection to the server with their queues: who holds the
		 * bytes not seen.
		 */
		private String sockets() {
			int port = ResumeUnderChurnIntegrationTests.this.port;
			try {
				Process ss = new ProcessBuilder("ss", "-tnoi", "state", "established",
						"( sport = :" + port + " or dport = :" + port + " )")
					.redirectErrorStream(true)
					.start();
				return new String(ss.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				return ex.toString();
			}
		}

		private static String describe(Object connection) {
			StringBuilder out = new StringBuilder(connection.getClass().getSimpleName());
			for (Class<?> type = connection.getClass(); type != Object.class; type = type.getSuperclass()) {
				for (java.lang.reflect.Field f : type.getDeclaredFields()) {
					if (java.util.List.of("queue", "delivering", "closed", "ended", "active", "replayedUpTo")
						.contains(f.getName())) {
						try {
							f.setAccessible(true);
							Object v = f.get(connection);
							out.append(' ')
								.append(f.getName())
								.append('=')
								.append((v instanceof java.util.Collection<?> q) ? "size " + q.size() : v);
						}
						catch (ReflectiveOperationException ex) {
							out.append(ex);
						}
					}
				}
			}
			return out.toString();
		}

		private Long lastSent() {
			List<Long> sent = ResumeUnderChurnIntegrationTests.this.sent;
			return sent.isEmpty() ? null : sent.get(sent.size() - 1);
		}

		private boolean complete() {
			if (this.kind == Kind.NOTIFICATIONS) {
				return !ResumeUnderChurnIntegrationTests.this.sending
						&& !ResumeUnderChurnIntegrationTests.this.sent.isEmpty()
						&& Long.valueOf(this.last).equals(lastSent());
			}
			return !ResumeUnderChurnIntegrationTests.this.writing && this.last == LINES - 1;
		}

		/** One connection: how it ends is chosen up front. */
		private void session() {
			int mode = this.connects % 3;
			int budget = 1 + this.random.nextInt(40);
			String resumedFrom = this.cursor;
			boolean firstLog = this.kind == Kind.LOGS && this.cursor == null;
			this.connects++;
			this.trace.add(this.connects + "/" + mode + " from " + resumedFrom);
			try (Feed feed = open()) {
				if (mode == 2 && !firstLog) {
					// Gone before the replay is read: the server may be writing it right
					// now.
					feed.abort();
					return;
				}
				boolean firstLine = true;
				while (!complete()) {
					Received event = next(feed);
					if (event == null && complete()) {
						// The last event beat the sender's 201 (or the writer's last
						// step); nothing is due.
						return;
					}
					if (event == null) {
						// Built only on failure: the server view dumps threads and
						// sockets.
						throw new AssertionError(String.format(
								"%s: no next event after %s (sending %s, last sent %s; writing %s; %s; last: %s)",
								this.name, this.cursor, ResumeUnderChurnIntegrationTests.this.sending, lastSent(),
								ResumeUnderChurnIntegrationTests.this.writing, serverView(),
								this.trace.subList(Math.max(0, this.trace.size() - 8), this.trace.size())));
					}
					switch (event.type()) {
						case "end" -> {
							return; // closed by the server (slow consumer): resume like a
									// browser
						}
						case "unread_count" -> {
						}
						case "source" -> {
							// The live file is briefly missing in a rotation: the source
							// waits, then is live again (issue 20). Not a line.
						}
						case "rotated" -> {
							this.trace.add(this.connects + " rotated");
							// Live (after a line on this connection), not at the head of
							// a replay: drop at
							// once, so the resume starts from a cursor in the file just
							// rotated away.
							if (!firstLog && !firstLine) {
								feed.abort();
								return;
							}
						}
						case "notification", "log" -> {
							if (firstLine && resumedFrom != null && this.kind == Kind.LOGS
									&& !fileOf(resumedFrom).equals(fileOf(event.cursor()))) {
								this.resumesAcrossRotation++;
							}
							firstLine = false;
							this.received.add(event.number());
							this.trace.add(this.connects + ":" + event.number());
							this.last = event.number();
							this.cursor = event.cursor();
							if (--budget <= 0 && !firstLog) {
								if (mode == 0) {
									feed.close();
								}
								else {
									feed.abort();
								}
								return;
							}
							if (firstLog) {
								// The first line gives the first cursor: from now on this
								// client churns.
								return;
							}
						}
						default -> throw new AssertionError(this.name + ": unexpected " + event);
					}
				}
			}
		}

		/**
		 * The next event, or null after {@link #PATIENCE}, or as soon as the client turns
		 * out complete.
		 */
		private Received next(Feed feed) {
			long deadline = System.nanoTime() + PATIENCE.toNanos();
			while (System.nanoTime() < deadline) {
				Received event = feed.next(Duration.ofMillis(200));
				if (event != null || complete()) {
					return event;
				}
			}
			return null;
		}

		private Feed open() {
			String path = (this.kind == Kind.NOTIFICATIONS) ? NOTIFICATIONS
					: LOG_STREAM + "?search=" + ResumeUnderChurnIntegrationTests.this.token;
			if (this.webSocket) {
				String since = (this.cursor != null) ? ((path.contains("?") ? "&" : "?") + "since=" + this.cursor) : "";
				return new WsFeed(WsClient.connect(this.client, path + since));
			}
			Map<String, String> headers = (this.cursor != null) ? Map.of("Last-Event-ID", this.cursor) : Map.of();
			return new SseFeed(SseClient.open(this.client, path, headers));
		}

		private static String fileOf(String logCursor) {
			return logCursor.substring(0, logCursor.indexOf('-'));
		}

	}

	static final class SseFeed implements Feed {

		private final SseClient sse;

		SseFeed(SseClient sse) {
			this.sse = sse;
			assertThat(sse.status()).isEqualTo(200);
		}

		@Override
		public Received next(Duration timeout) {
			SseClient.Event event = this.sse.next(timeout);
			if (event == null) {
				return null;
			}
			return switch (event.name()) {
				case SseClient.END -> new Received("end", null, -1);
				case "log" -> new Received("log", event.id(), seq(event.data()));
				case "notification" -> {
					JsonNode json = event.json();
					String type = json.get("type").asString();
					yield type.equals("notification") ? new Received(type, event.id(), Long.parseLong(event.id()))
							: new Received(type, null, -1);
				}
				default -> new Received(event.name(), event.id(), -1);
			};
		}

		@Override
		public void abort() {
			this.sse.close();
		}

		/**
		 * SSE has no closing handshake: the client closing its connection is how a tab
		 * leaves.
		 */
		@Override
		public void close() {
			this.sse.close();
		}

	}

	static final class WsFeed implements Feed {

		private final WsClient ws;

		WsFeed(WsClient ws) {
			this.ws = ws;
		}

		@Override
		public Received next(Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			WsClient.Frame frame;
			while ((frame = this.ws.next(Duration.ofMillis(100))) == null) {
				if (this.ws.isClosed()) {
					return new Received("end", null, -1);
				}
				if (System.nanoTime() > deadline) {
					return null;
				}
			}
			JsonNode json = frame.json();
			String type = json.get("type").asString();
			return switch (type) {
				case "log" ->
					new Received(type, json.get("id").asString(), seq(json.get("entry").get("msg").asString()));
				case "notification" -> new Received(type, json.get("id").asString(), json.get("id").asLong());
				default -> new Received(type, null, -1);
			};
		}

		@Override
		public void abort() {
			this.ws.abort();
		}

		@Override
		public void close() {
			this.ws.close();
		}

	}

	private static long seq(String text) {
		int at = text.indexOf(" seq ");
		int end = at + 5;
		while (end < text.length() && Character.isDigit(text.charAt(end))) {
			end++;
		}
		return Long.parseLong(text.substring(at + 5, end));
	}

}
