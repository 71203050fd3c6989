package dev.vigil.notifications;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.vigil.support.SseClient;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilProcess;
import dev.vigil.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code kill -9} of a real Vigil process in the middle of a burst of sends, then a
 * restart on the same data directory: every send that was answered 201 is still there,
 * and a client resuming from the last id it received (SSE {@code Last-Event-ID},
 * WebSocket {@code ?since=}) gets exactly the notifications it missed, each once, in
 * order. Two of the clients are connected through the crash, two (one per transport) left
 * early in the burst, so their resumes replay a few hundred. Sends that were in flight at
 * the kill (no answer) may or may not have been written; whichever it is, resuming
 * clients agree with the database.
 */
class NotificationCrashIntegrationTests {

	static final String STREAM = "/api/admin/notifications/stream";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final int SENDERS = 6;

	/**
	 * Acknowledged sends before the kill; kept below the replay limit so that resumes
	 * replay, not reset.
	 */
	static final int KILL_AFTER = 300;

	/**
	 * When the clients that leave early (one SSE, one WebSocket) go: they miss most of
	 * the burst and the crash.
	 */
	static final int EARLY_LEAVE_AFTER = 100;

	private final List<VigilProcess> servers = new ArrayList<>();

	@AfterEach
	void destroyServers() {
		this.servers.forEach(VigilProcess::close);
	}

	@Test
	void everyAcknowledgedSendSurvivesKill9AndResumingClientsGetExactlyWhatTheyMissed() throws Exception {
		Path dir = Path.of("target", "vigil-process", "crash-" + UUID.randomUUID()).toAbsolutePath();
		Path data = dir.resolve("data");
		int port = VigilProcess.freePort();
		VigilProcess first = start(data, port, dir.resolve("first-run.out"));
		Duration firstStart = first.awaitHealthy(Duration.ofSeconds(120));

		// A viewer receives the burst: nothing else notifies it, so its notifications are
		// exactly the sends.
		VigilClient recipient = VigilClient.withNewAdmin(port, "viewer");
		long recipientId = recipient.adminId();
		List<VigilClient> senders = new ArrayList<>();
		for (int i = 0; i < SENDERS; i++) {
			senders.add(VigilClient.root(port));
		}

		Set<Long> acknowledged = new ConcurrentSkipListSet<>();
		AtomicInteger attempted = new AtomicInteger();
		AtomicInteger unanswered = new AtomicInteger();
		List<String> otherAnswers = Collections.synchronizedList(new ArrayList<>());
		AtomicBoolean killing = new AtomicBoolean();
		List<Long> liveSse;
		List<Long> liveWs;
		List<Long> early;
		List<Long> earlyWs;
		long killNanos;
		ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
		try (SseClient sse = SseClient.open(recipient, STREAM);
				WsClient ws = WsClient.connect(recipient, STREAM);
				SseClient leaver = SseClient.open(recipient, STREAM);
				WsClient wsLeaver = WsClient.connect(recipient, STREAM)) {
			assertThat(sse.next(Duration.ofSeconds(10)).json().get("type").asString()).isEqualTo("unread_count");
			assertThat(ws.next(Duration.ofSeconds(10)).json().get("type").asString()).isEqualTo("unread_count");
			assertThat(leaver.next(Duration.ofSeconds(10)).json().get("type").asString()).isEqualTo("unread_count");
			assertThat(wsLeaver.next(Duration.ofSeconds(10)).json().get("type").asString()).isEqualTo("unread_count");

			List<Future<?>> running = new ArrayList<>();
			for (int t = 0; t < SENDERS; t++) {
				VigilClient sender = senders.get(t);
				int thread = t;
				running.add(pool.submit(() -> {
					for (int i = 0; !killing.get(); i++) {
						attempted.incrementAndGet();
						VigilClient.Response answer;
						try {
							answer = sender.post("/api/admin/notifications/send",
									Map.of("admin_id", recipientId, "title", "burst " + thread + "-" + i));
						}
						catch (IllegalStateException ex) {
							// The connection died with the server: sent, never answered.
							unanswered.incrementAndGet();
							return;
						}
						if (answer.status() == 201) {
							acknowledged.add(answer.json().get("id").asLong());
						}
						else {
							otherAnswers.add(answer.status() + " " + answer.body());
						}
					}
				}));
			}

			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> acknowledged.size() >= EARLY_LEAVE_AFTER);
			leaver.close();
			wsLeaver.close();
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> acknowledged.size() >= KILL_AFTER);
			killing.set(true);
			killNanos = System.nanoTime();
			first.kill();
			for (Future<?> sender : running) {
				sender.get(60, TimeUnit.SECONDS);
			}

			liveSse = drain(sse);
			liveWs = drain(ws);
			early = drain(leaver);
			earlyWs = received(wsLeaver);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(otherAnswers).as("answers other than 201 during the burst").isEmpty();

		// Same data directory, same port: the browser tabs come back to the server they
		// knew.
		VigilProcess second = start(data, port, dir.resolve("second-run.out"));
		Duration restart = second.awaitHealthy(Duration.ofSeconds(120));
		long restartedAfterKillMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killNanos);

		TreeSet<Long> stored = storedIds(recipient);
		Set<Long> lost = new TreeSet<>(acknowledged);
		lost.removeAll(stored);
		assertThat(lost).as("acknowledged (201) sends missing after the restart\n" + second.tail(20)).isEmpty();
		Set<Long> unacknowledgedStored = new TreeSet<>(stored);
		unacknowledgedStored.removeAll(acknowledged);
		assertThat(unacknowledgedStored).as("stored notifications that no send accounts for")
			.hasSizeLessThanOrEqualTo(unanswered.get());
		for (List<Long> live : List.of(liveSse, liveWs, early, earlyWs)) {
			assertThat(live).as("delivered live: once each, in id order").isSorted().doesNotHaveDuplicates();
			assertThat(stored).as("everything delivered live was committed").containsAll(live);
		}

		String sseCursor = Long.toString(liveSse.isEmpty() ? 0 : liveSse.get(liveSse.size() - 1));
		String wsCursor = Long.toString(liveWs.isEmpty() ? 0 : liveWs.get(liveWs.size() - 1));
		String earlyCursor = Long.toString(early.isEmpty() ? 0 : early.get(early.size() - 1));
		String earlyWsCursor = Long.toString(earlyWs.isEmpty() ? 0 : earlyWs.get(earlyWs.size() - 1));
		List<Long> resumedSse;
		List<Long> resumedWs;
		List<Long> resumedEarly;
		List<Long> resumedEarlyWs;
		try (SseClient sse = SseClient.open(recipient, STREAM, Map.of("Last-Event-ID", sseCursor));
				WsClient ws = WsClient.connect(recipient, STREAM + "?since=" + wsCursor);
				SseClient leaver = SseClient.open(recipient, STREAM, Map.of("Last-Event-ID", earlyCursor));
				WsClient wsLeaver = WsClient.connect(recipient, STREAM + "?since=" + earlyWsCursor)) {
			resumedSse = resume(sse::next, stored, Long.parseLong(sseCursor));
			resumedWs = resume(texts(ws), stored, Long.parseLong(wsCursor));
			resumedEarly = resume(leaver::next, stored, Long.parseLong(earlyCursor));
			resumedEarlyWs = resume(texts(wsLeaver), stored, Long.parseLong(earlyWsCursor));
		}
		assertThat(resumedEarly).as("the SSE client that left early missed most of the burst").isNotEmpty();
		assertThat(resumedEarlyWs).as("the WebSocket client that left early missed most of the burst").isNotEmpty();

		System.out.printf(
				"[crash] sends attempted=%d, 201=%d, unanswered (in flight at kill)=%d, stored after restart=%d"
						+ " (of which unacknowledged=%d), lost=%d%n",
				attempted.get(), acknowledged.size(), unanswered.get(), stored.size(), unacknowledgedStored.size(),
				lost.size());
		System.out.printf(
				"[crash] received live: sse=%d (last id %s), ws=%d (last id %s), early sse=%d (last id %s),"
						+ " early ws=%d (last id %s)%n",
				liveSse.size(), sseCursor, liveWs.size(), wsCursor, early.size(), earlyCursor, earlyWs.size(),
				earlyWsCursor);
		System.out.printf(
				"[crash] delivered on resume: sse=%d, ws=%d, early sse=%d, early ws=%d; duplicated=0, missed=0%n",
				resumedSse.size(), resumedWs.size(), resumedEarly.size(), resumedEarlyWs.size());
		System.out.printf("[crash] first start %d ms; restart to healthy %d ms (%d ms after the kill)%n",
				firstStart.toMillis(), restart.toMillis(), restartedAfterKillMs);
	}

	private VigilProcess start(Path data, int port, Path out) {
		VigilProcess server = VigilProcess.start(data, port, out, List.of());
		this.servers.add(server);
		return server;
	}

	/** Every notification id the recipient has, from the list API, ascending. */
	private static TreeSet<Long> storedIds(VigilClient recipient) {
		TreeSet<Long> ids = new TreeSet<>();
		for (int offset = 0;; offset += 100) {
			JsonNode page = recipient.get("/api/admin/notifications?limit=100&sort=id&order=asc&offset=" + offset)
				.assertStatus(200)
				.json();
			page.get("notifications").forEach((n) -> ids.add(n.get("id").asLong()));
			if (offset + 100 >= page.get("total").asLong()) {
				return ids;
			}
		}
	}

	/** The notification ids an SSE client received before its stream ended. */
	private static List<Long> drain(SseClient sse) {
		List<Long> ids = new ArrayList<>();
		for (SseClient.Event event = sse.next(Duration.ofSeconds(30)); event != null
				&& !event.name().equals(SseClient.END); event = sse.next(Duration.ofSeconds(30))) {
			if (event.json().get("type").asString().equals("notification")) {
				assertThat(event.id()).isEqualTo(event.json().get("id").asString());
				ids.add(event.json().get("id").asLong());
			}
		}
		return ids;
	}

	/** The notification ids a WebSocket client received before its connection died. */
	private static List<Long> drain(WsClient ws) {
		ws.closeCode(Duration.ofSeconds(30));
		return received(ws);
	}

	/** The notification ids a WebSocket client we closed had received. */
	private static List<Long> received(WsClient ws) {
		List<Long> ids = new ArrayList<>();
		for (WsClient.Frame frame = ws.next(Duration.ZERO); frame != null; frame = ws.next(Duration.ZERO)) {
			JsonNode event = frame.json();
			if (event.get("type").asString().equals("notification")) {
				ids.add(event.get("id").asLong());
			}
		}
		return ids;
	}

	private static Events texts(WsClient ws) {
		return (timeout) -> {
			WsClient.Frame frame = ws.next(timeout);
			return (frame != null) ? frame.text() : null;
		};
	}

	/** Reads JSON events with a timeout; null when none came. */
	interface Events {

		Object next(Duration timeout);

	}

	/**
	 * Reads a resumed stream: a reset unless the cursor is 0 (a restarted server cannot
	 * tell which reads and deletes a client that knows some notifications missed, so its
	 * list is reloaded), the unread count, then exactly the stored notifications after
	 * the cursor in id order, then nothing more (a duplicate would show up here).
	 */
	private static List<Long> resume(Events events, TreeSet<Long> stored, long cursor) {
		List<Long> expected = new ArrayList<>(stored.tailSet(cursor, false));
		assertThat(expected.size()).as("missed notifications within the replay limit")
			.isLessThanOrEqualTo(NotificationChannel.MAX_REPLAY);
		if (cursor > 0) {
			assertThat(json(events.next(Duration.ofSeconds(10))).get("type").asString()).isEqualTo("reset");
		}
		assertThat(json(events.next(Duration.ofSeconds(10))).get("type").asString()).isEqualTo("unread_count");
		List<Long> received = new ArrayList<>();
		while (received.size() < expected.size()) {
			Object event = events.next(Duration.ofSeconds(10));
			assertThat(event).as("replay after %d of %d (cursor %d)", received.size(), expected.size(), cursor)
				.isNotNull();
			JsonNode json = json(event);
			assertThat(json.get("type").asString()).isEqualTo("notification");
			received.add(json.get("id").asLong());
		}
		assertThat(received).as("replayed from cursor %d", cursor).isEqualTo(expected);
		assertThat(events.next(Duration.ofSeconds(1))).as("anything after the replay").isNull();
		return received;
	}

	private static JsonNode json(Object event) {
		assertThat(event).isNotNull();
		if (event instanceof SseClient.Event sse) {
			assertThat(sse.name()).isNotEqualTo(SseClient.END);
			return sse.json();
		}
		return JSON.readTree((String) event);
	}

}
