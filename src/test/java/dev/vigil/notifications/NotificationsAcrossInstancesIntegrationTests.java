package dev.vigil.notifications;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.vigil.support.SseClient;
import dev.vigil.support.TwoInstances;
import dev.vigil.support.VigilClient;
import dev.vigil.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Vigil processes on one database and one bus: what is sent, read or deleted through
 * one reaches the other's SSE and WebSocket subscribers, once.
 */
class NotificationsAcrossInstancesIntegrationTests {

	static final String STREAM = "/api/admin/notifications/stream";

	@TempDir
	static Path root;

	static TwoInstances pair;

	@BeforeAll
	static void start() {
		pair = TwoInstances.start(root, List.of());
	}

	@AfterAll
	static void stop() {
		if (pair != null) {
			pair.close();
		}
	}

	@Test
	void aNotificationSentThroughBReachesSseAndWsClientsOnAOnce() {
		String email = VigilClient.createAdmin(pair.portA, "viewer");
		VigilClient onA = VigilClient.loggedIn(pair.portA, email);
		long adminId = onA.adminId();
		VigilClient rootA = VigilClient.root(pair.portA);
		VigilClient rootB = VigilClient.root(pair.portB);
		try (SseClient sse = SseClient.open(onA, STREAM); WsClient ws = WsClient.connect(onA, STREAM)) {
			assertThat(type(next(sse))).isEqualTo("unread_count");
			assertThat(type(next(ws))).isEqualTo("unread_count");

			send(rootB, adminId, "from b");
			JsonNode viaSse = next(sse);
			JsonNode viaWs = next(ws);
			assertThat(type(viaSse)).isEqualTo("notification");
			assertThat(viaSse.get("notification").get("title").asString()).isEqualTo("from b");
			assertThat(viaSse.get("unread_count").asLong()).isEqualTo(1);
			assertThat(viaWs.toString()).isEqualTo(viaSse.toString());

			// One from A itself, then another from B: each arrives once, in this order.
			send(rootA, adminId, "from a");
			send(rootB, adminId, "from b again");
			assertThat(titlesUntil(sse, "from b again")).containsExactly("from a", "from b again");
			assertThat(titlesUntil(ws, "from b again")).containsExactly("from a", "from b again");
		}
	}

	@Test
	void readsAndDeletesThroughBUpdateTheUnreadCountOnA() {
		String email = VigilClient.createAdmin(pair.portA, "viewer");
		VigilClient onA = VigilClient.loggedIn(pair.portA, email);
		VigilClient onB = VigilClient.loggedIn(pair.portB, email);
		long adminId = onA.adminId();
		VigilClient rootB = VigilClient.root(pair.portB);
		long first = send(rootB, adminId, "one");
		long second = send(rootB, adminId, "two");
		send(rootB, adminId, "three");
		try (SseClient sse = SseClient.open(onA, STREAM); WsClient ws = WsClient.connect(onA, STREAM)) {
			assertThat(next(sse).get("unread_count").asLong()).isEqualTo(3);
			assertThat(next(ws).get("unread_count").asLong()).isEqualTo(3);

			onB.post("/api/admin/notifications/" + first + "/read", Map.of()).assertStatus(200);
			for (JsonNode read : List.of(next(sse), next(ws))) {
				assertThat(type(read)).isEqualTo("read");
				assertThat(read.get("ids").get(0).asLong()).isEqualTo(first);
				assertThat(read.get("unread_count").asLong()).isEqualTo(2);
			}

			onB.delete("/api/admin/notifications/" + second).assertStatus(200);
			for (JsonNode deleted : List.of(next(sse), next(ws))) {
				assertThat(type(deleted)).isEqualTo("deleted");
				assertThat(deleted.get("unread_count").asLong()).isEqualTo(1);
			}

			onB.post("/api/admin/notifications/read-all", Map.of()).assertStatus(200);
			for (JsonNode all : List.of(next(sse), next(ws))) {
				assertThat(type(all)).isEqualTo("read");
				assertThat(all.get("all").asBoolean()).isTrue();
				assertThat(all.get("unread_count").asLong()).isEqualTo(0);
			}
		}
		// A resume on A from before the read on B reloads: A knows the read happened.
		try (SseClient resumed = SseClient.open(onA, STREAM, Map.of("Last-Event-ID", Long.toString(first)))) {
			assertThat(type(next(resumed))).isEqualTo("reset");
		}
	}

	static long send(VigilClient client, long adminId, String title) {
		return client.post("/api/admin/notifications/send", Map.of("admin_id", adminId, "title", title))
			.assertStatus(201)
			.json()
			.get("id")
			.asLong();
	}

	static String type(JsonNode event) {
		return event.get("type").asString();
	}

	static JsonNode next(SseClient sse) {
		SseClient.Event event = sse.next(Duration.ofSeconds(10));
		assertThat(event).as("an SSE event within 10 s").isNotNull();
		assertThat(event.name()).isEqualTo("notification");
		return event.json();
	}

	static JsonNode next(WsClient ws) {
		WsClient.Frame frame = ws.next(Duration.ofSeconds(10));
		assertThat(frame).as("a WebSocket frame within 10 s").isNotNull();
		return frame.json();
	}

	/** The titles of the notifications the stream sends up to and with {@code last}. */
	static List<String> titlesUntil(SseClient sse, String last) {
		List<String> titles = new ArrayList<>();
		while (!titles.contains(last)) {
			JsonNode event = next(sse);
			if (type(event).equals("notification")) {
				titles.add(event.get("notification").get("title").asString());
			}
		}
		return titles;
	}

	static List<String> titlesUntil(WsClient ws, String last) {
		List<String> titles = new ArrayList<>();
		while (!titles.contains(last)) {
			JsonNode event = next(ws);
			if (type(event).equals("notification")) {
				titles.add(event.get("notification").get("title").asString());
			}
		}
		return titles;
	}

}
