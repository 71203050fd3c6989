package dev.vigil.notifications;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vigil.support.SseClient;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;
import dev.vigil.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notification stream through real clients on a real port: an SSE line reader and the JDK's
 * WebSocket client, both on {@code /api/admin/notifications/stream}.
 */
@VigilIntegrationTest
class NotificationStreamIntegrationTests {

	static final String STREAM = "/api/admin/notifications/stream";

	@LocalServerPort
	int port;

	@Test
	void bothTransportsOnOnePathGetTheUnreadCountThenASentNotification() {
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		long viewerId = viewer.get("/api/admin/auth").json().get("admin").get("id").asLong();
		try (SseClient sse = SseClient.open(viewer, STREAM); WsClient ws = WsClient.connect(viewer, STREAM)) {
			assertThat(sse.status()).isEqualTo(200);
			assertThat(sse.header("Content-Type")).startsWith("text/event-stream");
			assertThat(sse.header("Cache-Control")).isEqualTo("no-cache, no-transform");
			assertThat(sse.header("X-Accel-Buffering")).isEqualTo("no");
			assertThat(sse.header("Content-Encoding")).isNull();
			SseClient.Event first = sse.next();
			assertThat(sse.retry()).isEqualTo("5000");
			assertThat(first.name()).isEqualTo("notification");
			assertThat(first.id()).isNull();
			assertThat(first.json().get("type").asString()).isEqualTo("unread_count");
			assertThat(first.json().get("unread_count").asLong()).isZero();
			assertThat(ws.next()).isEqualTo(first.json());

			JsonNode sent = VigilClient.root(this.port)
				.post("/api/admin/notifications/send", Map.of("admin_id", viewerId, "type", "warning", "title",
						"Disk almost full", "message", "92% used", "data", Map.of("disk", "/data")))
				.assertStatus(201)
				.json();
			long id = sent.get("id").asLong();

			SseClient.Event event = sse.next();
			assertThat(event.name()).isEqualTo("notification");
			assertThat(event.id()).isEqualTo(Long.toString(id));
			JsonNode data = event.json();
			assertThat(data.get("type").asString()).isEqualTo("notification");
			assertThat(data.get("id").asLong()).isEqualTo(id);
			assertThat(data.get("unread_count").asLong()).isEqualTo(1);
			JsonNode notification = data.get("notification");
			assertThat(notification.get("id").asLong()).isEqualTo(id);
			assertThat(notification.get("entity_type").asString()).isEqualTo("admin");
			assertThat(notification.get("entity_id").asLong()).isEqualTo(viewerId);
			assertThat(notification.get("type").asString()).isEqualTo("warning");
			assertThat(notification.get("title").asString()).isEqualTo("Disk almost full");
			assertThat(notification.get("message").asString()).isEqualTo("92% used");
			assertThat(notification.get("data").get("disk").asString()).isEqualTo("/data");
			assertThat(notification.has("read_at")).isFalse();
			assertThat(notification.get("created_at").asString()).endsWith("Z");
			assertThat(ws.next()).isEqualTo(data);
		}
	}

	@Test
	void markingReadReachesTheAdminsOtherConnectionsWithTheNewCount() {
		VigilClient admin = VigilClient.withNewAdmin(this.port, "admin");
		long adminId = admin.get("/api/admin/auth").json().get("admin").get("id").asLong();
		long first = send(adminId, "one");
		send(adminId, "two");
		try (SseClient sse = SseClient.open(admin, STREAM); WsClient ws = WsClient.connect(admin, STREAM)) {
			assertThat(sse.next().json().get("unread_count").asLong()).isEqualTo(2);
			assertThat(ws.next().get("unread_count").asLong()).isEqualTo(2);

			admin.post("/api/admin/notifications/" + first + "/read", null).assertStatus(200);
			for (JsonNode read : List.of(sse.next().json(), ws.next())) {
				assertThat(read.get("type").asString()).isEqualTo("read");
				assertThat(read.get("ids").get(0).asLong()).isEqualTo(first);
				assertThat(read.get("unread_count").asLong()).isEqualTo(1);
			}

			admin.post("/api/admin/notifications/read-all", null).assertStatus(200);
			for (JsonNode read : List.of(sse.next().json(), ws.next())) {
				assertThat(read.get("type").asString()).isEqualTo("read");
				assertThat(read.get("all").asBoolean()).isTrue();
				assertThat(read.get("unread_count").asLong()).isZero();
			}

			admin.delete("/api/admin/notifications/" + first).assertStatus(200);
			for (JsonNode deleted : List.of(sse.next().json(), ws.next())) {
				assertThat(deleted.get("type").asString()).isEqualTo("deleted");
				assertThat(deleted.get("ids").get(0).asLong()).isEqualTo(first);
			}
		}
	}

	@Test
	void sseResumesFromLastEventIdWithExactlyTheMissedNotificationsInOrder() {
		VigilClient admin = VigilClient.withNewAdmin(this.port, "viewer");
		long adminId = admin.get("/api/admin/auth").json().get("admin").get("id").asLong();
		String lastId;
		try (SseClient sse = SseClient.open(admin, STREAM)) {
			sse.next();
			send(adminId, "before");
			lastId = sse.next().id();
		}
		List<Long> missed = sendFive(adminId);

		try (SseClient sse = SseClient.open(admin, STREAM, Map.of("Last-Event-ID", lastId))) {
			assertThat(sse.next().json().get("type").asString()).isEqualTo("unread_count");
			List<Long> replayed = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				SseClient.Event event = sse.next();
				assertThat(event.id()).isEqualTo(event.json().get("id").asString());
				replayed.add(event.json().get("id").asLong());
			}
			assertThat(replayed).isEqualTo(missed);
			long live = send(adminId, "live");
			assertThat(sse.next().json().get("id").asLong()).isEqualTo(live);
			assertThat(sse.next(Duration.ofMillis(300))).isNull();
		}
	}

	@Test
	void webSocketResumesFromSinceWithExactlyTheMissedNotificationsInOrder() {
		VigilClient admin = VigilClient.withNewAdmin(this.port, "viewer");
		long adminId = admin.get("/api/admin/auth").json().get("admin").get("id").asLong();
		long lastId;
		try (WsClient ws = WsClient.connect(admin, STREAM)) {
			ws.next();
			send(adminId, "before");
			lastId = ws.next().get("id").asLong();
		}
		List<Long> missed = sendFive(adminId);

		try (WsClient ws = WsClient.connect(admin, STREAM + "?since=" + lastId)) {
			assertThat(ws.next().get("type").asString()).isEqualTo("unread_count");
			List<Long> replayed = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				replayed.add(ws.next().get("id").asLong());
			}
			assertThat(replayed).isEqualTo(missed);
			long live = send(adminId, "live");
			assertThat(ws.next().get("id").asLong()).isEqualTo(live);
			assertThat(ws.next(Duration.ofMillis(300))).isNull();
		}
	}

	@Test
	void aCursorThatCannotBeResumedGetsResetAndTheCount() {
		VigilClient admin = VigilClient.withNewAdmin(this.port, "viewer");
		try (SseClient sse = SseClient.open(admin, STREAM + "?since=999999999")) {
			assertThat(sse.next().json().get("type").asString()).isEqualTo("reset");
			assertThat(sse.next().json().get("type").asString()).isEqualTo("unread_count");
		}
		try (WsClient ws = WsClient.connect(admin, STREAM + "?since=not-a-number")) {
			assertThat(ws.next().get("type").asString()).isEqualTo("reset");
			assertThat(ws.next().get("type").asString()).isEqualTo("unread_count");
		}
	}

	@Test
	void theSseAliasServesTheSameStream() {
		VigilClient admin = VigilClient.withNewAdmin(this.port, "viewer");
		try (SseClient sse = SseClient.open(admin, "/api/admin/notifications/sse")) {
			assertThat(sse.status()).isEqualTo(200);
			assertThat(sse.next().json().get("type").asString()).isEqualTo("unread_count");
		}
	}

	private List<Long> sendFive(long adminId) {
		List<Long> ids = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			ids.add(send(adminId, "missed " + i));
		}
		return ids;
	}

	private long send(long adminId, String title) {
		return VigilClient.root(this.port)
			.post("/api/admin/notifications/send", Map.of("admin_id", adminId, "title", title))
			.assertStatus(201)
			.json()
			.get("id")
			.asLong();
	}

}
