package dev.vigil.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.vigil.support.SseClient;
import dev.vigil.support.TwoInstances;
import dev.vigil.support.VigilClient;
import dev.vigil.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two real Vigil processes on one Redis: from instance A, a client watches instance B's
 * log, relayed over the bus. The lines are appended to B's own log file by the test, so
 * only B has them. The fifth test kills B, the last stops A.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogRelayIntegrationTests {

	@TempDir
	static Path root;

	private static TwoInstances pair;

	private static VigilClient a;

	private static String idA;

	private static String idB;

	@BeforeAll
	static void start() {
		pair = TwoInstances.start(root, List.of("--vigil.logs.relay-lease=3s",
				// An SSE client that left is noticed at the next keepalive write.
				"--vigil.stream.heartbeat=1s"));
		// The viewer of each reads its own directory; the test writes the lines there.
		try {
			for (String logs : List.of("a-logs", "b-logs")) {
				Files.createDirectories(root.resolve(logs));
				Files.writeString(root.resolve(logs).resolve("vigil.log"), "");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		a = VigilClient.root(pair.portA);
		await().atMost(Duration.ofSeconds(20)).until(() -> a.get("/api/admin/instances").json().size() == 2);
		JsonNode instances = a.get("/api/admin/instances").assertStatus(200).json();
		for (JsonNode instance : instances) {
			if (instance.get("name").asString().equals("a")) {
				idA = instance.get("id").asString();
				assertThat(instance.get("self").asBoolean()).isTrue();
			}
			else {
				idB = instance.get("id").asString();
				assertThat(instance.get("self").asBoolean()).isFalse();
				assertThat(instance.get("started_at").asLong()).isPositive();
				assertThat(instance.get("seen_at").asLong()).isPositive();
			}
		}
		assertThat(idA).isNotNull();
		assertThat(idB).isNotNull();
	}

	@AfterAll
	static void stop() {
		if (pair != null) {
			pair.close();
		}
	}

	@Test
	@Order(1)
	void sseFromAShowsALineOnlyBWrote() {
		String marker = "relay-" + UUID.randomUUID();
		try (SseClient sse = SseClient.open(a, "/api/admin/logs/sse?instance=" + idB + "&search=" + marker)) {
			assertThat(sse.status()).isEqualTo(200);
			awaitRelays(1);
			// A's own log gets a line first: were A's log relayed, it would come first.
			append("a-logs", marker + " written to a");
			append("b-logs", marker + " written to b");
			SseClient.Event event = nextLog(sse);
			assertThat(event.data()).contains(marker + " written to b");
		}
		awaitRelays(0);
	}

	@Test
	@Order(2)
	void wsFilterChangeMidStreamIsForwarded() {
		String alpha = "alpha-" + UUID.randomUUID();
		String beta = "beta-" + UUID.randomUUID();
		try (WsClient ws = WsClient.connect(a, "/api/admin/logs/stream?instance=" + idB + "&search=" + alpha,
				Map.of())) {
			awaitRelays(1);
			append("b-logs", alpha + " one");
			assertThat(nextLog(ws).get("entry").toString()).contains(alpha + " one");
			ws.send("{\"search\":\"" + beta + "\"}");
			JsonNode ack = next(ws, "filters");
			assertThat(ack.get("search").asString()).isEqualTo(beta);
			append("b-logs", alpha + " two");
			append("b-logs", beta + " one");
			assertThat(nextLog(ws).get("entry").toString()).contains(beta + " one");
			// Checked on A, as for a local stream: B never sees it.
			ws.send("{\"regex\":\"(\"}");
			JsonNode refused = next(ws, "error");
			assertThat(refused.get("error").asString()).contains("regex");
		}
		awaitRelays(0);
	}

	@Test
	@Order(3)
	void resumesWithTheCursorAfterAReconnect() {
		String marker = "resume-" + UUID.randomUUID();
		String path = "/api/admin/logs/sse?instance=" + idB + "&search=" + marker;
		String cursor;
		try (SseClient sse = SseClient.open(a, path)) {
			awaitRelays(1);
			append("b-logs", marker + " 1");
			SseClient.Event first = nextLog(sse);
			assertThat(first.data()).contains(marker + " 1");
			cursor = first.id();
		}
		awaitRelays(0);
		append("b-logs", marker + " 2");
		append("b-logs", marker + " 3");
		try (SseClient sse = SseClient.open(a, path, Map.of("Last-Event-ID", cursor))) {
			assertThat(nextLog(sse).data()).contains(marker + " 2");
			assertThat(nextLog(sse).data()).contains(marker + " 3");
		}
		// A cursor of A's files means nothing on B: the client starts over.
		try (SseClient sse = SseClient.open(a, path, Map.of("Last-Event-ID", "1-1"))) {
			SseClient.Event event = sse.next(Duration.ofSeconds(20));
			assertThat(event).isNotNull();
			assertThat(event.name()).isEqualTo("reset");
		}
	}

	@Test
	@Order(4)
	void unknownInstanceIsNotFoundBeforeTheStreamOpens() {
		VigilClient.Response sse = a.send("GET", "/api/admin/logs/sse?instance=" + UUID.randomUUID(), null,
				Map.of("Accept", "text/event-stream"));
		assertThat(sse.status()).isEqualTo(404);
		assertThat(sse.header("Content-Type")).startsWith("application/problem+json");
		assertThat(WsClient.refusedStatus(a, "/api/admin/logs/stream?instance=" + UUID.randomUUID(), Map.of()))
			.isEqualTo(404);
		// This instance's own id is today's stream.
		try (SseClient sse2 = SseClient.open(a, "/api/admin/logs/sse?instance=" + idA)) {
			assertThat(sse2.status()).isEqualTo(200);
		}
	}

	@Test
	@Order(5)
	void theStreamEndsWhenTheWatchedInstanceDies() {
		try (SseClient sse = SseClient.open(a, "/api/admin/logs/sse?instance=" + idB)) {
			awaitRelays(1);
			pair.b.kill();
			SseClient.Event event = next(sse, "instance");
			assertThat(event.json().get("status").asString()).isEqualTo("gone");
			assertThat(event.json().get("instance").asString()).isEqualTo(idB);
			assertThat(sse.next(Duration.ofSeconds(10)).name()).isEqualTo(SseClient.END);
		}
		assertThat(a.send("GET", "/api/admin/logs/sse?instance=" + idB, null, Map.of("Accept", "text/event-stream"))
			.status()).isEqualTo(404);
	}

	@Test
	@Order(6)
	void stoppingIsNotABusLoss() {
		assertThat(pair.a.terminate(Duration.ofSeconds(60))).isTrue();
		assertThat(pair.a.output()).contains("Started ").doesNotContain("Bus lost");
	}

	/** B's relays as B publishes them with its heartbeat, read from A. */
	private static void awaitRelays(long count) {
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			for (JsonNode instance : a.get("/api/admin/instances").json()) {
				if (instance.get("id").asString().equals(idB)) {
					return instance.get("details").path("log_relays").asLong(-1) == count;
				}
			}
			return false;
		});
	}

	private static SseClient.Event nextLog(SseClient sse) {
		return next(sse, "log");
	}

	/** The next event of this name; the stream must not end before it. */
	private static SseClient.Event next(SseClient sse, String name) {
		while (true) {
			SseClient.Event event = sse.next(Duration.ofSeconds(20));
			assertThat(event).as("an SSE event within 20 s").isNotNull();
			if (event.name().equals(name)) {
				return event;
			}
			assertThat(event.name()).isNotEqualTo(SseClient.END);
		}
	}

	private static JsonNode nextLog(WsClient ws) {
		return next(ws, "log");
	}

	private static JsonNode next(WsClient ws, String type) {
		while (true) {
			WsClient.Frame frame = ws.next(Duration.ofSeconds(20));
			assertThat(frame).as("a WebSocket frame within 20 s").isNotNull();
			if (frame.json().get("type").asString().equals(type)) {
				return frame.json();
			}
		}
	}

	private static void append(String logs, String line) {
		try {
			Files.writeString(root.resolve(logs).resolve("vigil.log"), line + "\n", StandardCharsets.UTF_8,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
