package dev.vigil.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vigil.support.SseClient;
import dev.vigil.support.TestThreads;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilClient.Response;
import dev.vigil.support.VigilIntegrationTest;
import dev.vigil.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * API keys through the real port: created by a superadmin and shown once, accepted as
 * bearer tokens on {@code /api/v1} only and within their scopes, refused with the reason
 * when wrong, revoked or expired — their open streams closing as a session's do — and
 * never written to the log.
 */
@VigilIntegrationTest
class ApiKeysIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${logging.file.name}")
	String logFile;

	@Test
	void aKeyIsShownOnceAndListedByItsPrefixWithItsLastUse() {
		VigilClient root = VigilClient.root(this.port);
		JsonNode created = root
			.post("/api/admin/api-keys", Map.of("name", "ci deploys", "scopes", List.of("dashboard:read")))
			.assertStatus(201)
			.json();
		String secret = created.get("secret").asString();
		assertThat(secret).matches("vgl_[0-9a-f]{64}");
		long id = created.get("key").get("id").asLong();
		assertThat(created.get("key").get("prefix").asString()).isEqualTo(secret.substring(0, 12));
		assertThat(created.get("key").get("status").asString()).isEqualTo("active");

		machine().send("GET", "/api/v1/dashboard", null, bearer(secret)).assertStatus(200);

		Response list = root.get("/api/admin/api-keys").assertStatus(200);
		assertThat(list.body()).doesNotContain(secret.substring(12));
		JsonNode key = find(list.json().get("keys"), id);
		assertThat(key.get("name").asString()).isEqualTo("ci deploys");
		assertThat(key.get("created_by_email").asString()).isEqualTo(VigilClient.ROOT_EMAIL);
		assertThat(key.get("last_used_at").isNull()).isFalse();
		assertThat(key.get("last_used_ip").asString()).isNotBlank();
		assertThat(root.get("/api/admin/audit?action=api_key.create").body()).contains("ci deploys");
	}

	@Test
	void creationIsValidatedAndOnlyForSuperadmins() {
		VigilClient root = VigilClient.root(this.port);
		root.post("/api/admin/api-keys", Map.of("name", "x", "scopes", List.of("admin:admins"))).assertStatus(422);
		root.post("/api/admin/api-keys", Map.of("name", "x", "scopes", List.of())).assertStatus(422);
		root.post("/api/admin/api-keys", Map.of("name", " ", "scopes", List.of("logs:read"))).assertStatus(422);
		root.post("/api/admin/api-keys",
				Map.of("name", "x", "scopes", List.of("logs:read"), "expires_at", "2020-01-01T00:00:00Z"))
			.assertStatus(422);
		root.post("/api/admin/api-keys", Map.of("name", "x", "scopes", List.of("logs:read"), "expires_at", "soon"))
			.assertStatus(400);
		root.post("/api/admin/api-keys", Map.of("name", "x", "scopes", List.of("logs:read"), "expires_at", "soon"))
			.assertStatus(400);
		root.delete("/api/admin/api-keys/999999").assertStatus(404);
		VigilClient admin = VigilClient.withNewAdmin(this.port, "admin");
		admin.post("/api/admin/api-keys", Map.of("name", "x", "scopes", List.of("logs:read"))).assertStatus(403);
		admin.get("/api/admin/api-keys").assertStatus(403);
	}

	@Test
	void aKeySendsToAnAdminByIdOrEmailToARoleOrToAll() {
		VigilClient root = VigilClient.root(this.port);
		String secret = createKey(root, List.of("notifications:send"), null);
		String email = VigilClient.createAdmin(this.port, "viewer");
		VigilClient viewer = VigilClient.loggedIn(this.port, email);

		JsonNode byEmail = machine()
			.send("POST", "/api/v1/notifications",
					Map.of("email", email, "type", "warning", "title", "disk 90%", "data", Map.of("host", "db1")),
					bearer(secret))
			.assertStatus(201)
			.json();
		assertThat(byEmail.get("sent").asInt()).isEqualTo(1);
		long id = byEmail.get("ids").get(0).asLong();
		JsonNode mine = viewer.get("/api/admin/notifications").json().get("notifications").get(0);
		assertThat(mine.get("id").asLong()).isEqualTo(id);
		assertThat(mine.get("title").asString()).isEqualTo("disk 90%");
		assertThat(mine.get("data").get("host").asString()).isEqualTo("db1");

		machine()
			.send("POST", "/api/v1/notifications", Map.of("admin_id", viewer.adminId(), "title", "by id"),
					bearer(secret))
			.assertStatus(201);
		int viewers = machine()
			.send("POST", "/api/v1/notifications", Map.of("role", "viewer", "title", "to viewers"), bearer(secret))
			.assertStatus(201)
			.json()
			.get("sent")
			.asInt();
		assertThat(viewers).isPositive();
		assertThat(viewer.get("/api/admin/notifications").json().get("notifications").get(0).get("title").asString())
			.isEqualTo("to viewers");
		machine().send("POST", "/api/v1/notifications", Map.of("all", true, "title", "to all"), bearer(secret))
			.assertStatus(201);

		machine()
			.send("POST", "/api/v1/notifications", Map.of("email", "nobody@vigil.test", "title", "x"), bearer(secret))
			.assertStatus(422);
		machine()
			.send("POST", "/api/v1/notifications", Map.of("role", "viewer", "all", true, "title", "x"), bearer(secret))
			.assertStatus(422);
		machine().send("POST", "/api/v1/notifications", Map.of("role", "owner", "title", "x"), bearer(secret))
			.assertStatus(422);
		assertThat(root.get("/api/admin/audit?action=notification.send").body()).contains("to viewers (API key:");
	}

	@Test
	void scopesAreEnforcedPerRouteAndStream() {
		VigilClient root = VigilClient.root(this.port);
		String dashboardOnly = createKey(root, List.of("dashboard:read"), null);
		VigilClient machine = machine();
		machine.send("GET", "/api/v1/dashboard", null, bearer(dashboardOnly)).assertStatus(200);
		for (String path : List.of("/api/v1/logs", "/api/v1/logs/files", "/api/v1/notifications/sse")) {
			machine.send("GET", path, null, bearer(dashboardOnly))
				.assertProblem(403, "this API key lacks the scope this request needs");
		}
		machine.send("POST", "/api/v1/notifications", Map.of("all", true, "title", "x"), bearer(dashboardOnly))
			.assertStatus(403);
		assertThat(WsClient.refusedStatus(machine, "/api/v1/logs/stream", bearer(dashboardOnly))).isEqualTo(403);
		assertThat(WsClient.refusedStatus(machine, "/api/v1/notifications/stream", bearer(dashboardOnly)))
			.isEqualTo(403);

		String logs = createKey(root, List.of("logs:read"), null);
		assertThat(
				machine.send("GET", "/api/v1/logs?limit=5", null, bearer(logs)).assertStatus(200).json().has("entries"))
			.isTrue();
		try (SseClient sse = SseClient.open(machine, "/api/v1/logs/sse", bearer(logs))) {
			assertThat(sse.status()).isEqualTo(200);
		}
		WsClient ws = WsClient.connect(machine, "/api/v1/logs/stream", bearer(logs));
		ws.close();
	}

	@Test
	void wrongKeysAreRefusedWithTheReasonAndNeverEchoed() {
		VigilClient root = VigilClient.root(this.port);
		VigilClient machine = machine();
		String revoked = createKey(root, List.of("dashboard:read"), null);
		root.delete("/api/admin/api-keys/" + keyId(root, revoked)).assertStatus(200);
		String unknown = "vgl_" + "ab".repeat(32);
		String malformed = "vgl_not-a-key";

		machine.get("/api/v1/dashboard").assertProblem(401, "API key required: send it as Authorization: Bearer");
		Response refused = machine.send("GET", "/api/v1/dashboard", null, bearer(malformed))
			.assertProblem(401, "malformed API key");
		assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
		assertThat(refused.body()).doesNotContain(malformed);
		assertThat(machine.send("GET", "/api/v1/dashboard", null, bearer(unknown))
			.assertProblem(401, "unknown API key")
			.body()).doesNotContain(unknown);
		assertThat(machine.send("GET", "/api/v1/dashboard", null, bearer(revoked))
			.assertProblem(401, "API key revoked")
			.body()).doesNotContain(revoked);
		assertThat(WsClient.refusedStatus(machine, "/api/v1/dashboard/stream", bearer(revoked))).isEqualTo(401);

		String expiring = createKey(root, List.of("dashboard:read"), Instant.now().plusSeconds(2));
		machine.send("GET", "/api/v1/dashboard", null, bearer(expiring)).assertStatus(200);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> machine.send("GET", "/api/v1/dashboard", null, bearer(expiring))
				.assertProblem(401, "API key expired"));
		String audit = root.get("/api/admin/audit?action=api_key.refused&limit=100").body();
		assertThat(audit).contains("API key revoked").contains("API key expired").contains("unknown API key");
		assertThat(audit).doesNotContain(revoked).doesNotContain(unknown.substring(12));
	}

	@Test
	void cookiesAreRefusedOnTheMachineApiAndKeysOnTheAdminApi() {
		VigilClient root = VigilClient.root(this.port);
		String secret = createKey(root, List.of("dashboard:read", "logs:read"), null);
		root.get("/api/v1/dashboard")
			.assertProblem(401, "cookies are not accepted on /api/v1: send an API key as Authorization: Bearer");
		assertThat(WsClient.refusedStatus(root, "/api/v1/dashboard/stream", Map.of())).isEqualTo(401);
		machine().send("GET", "/api/admin/dashboard", null, bearer(secret))
			.assertProblem(401, "API keys are accepted on /api/v1 only");
		machine().send("GET", "/api/admin/logs", null, bearer(secret)).assertStatus(401);
		// Bearer requests need no CSRF token (there is no cookie to ride on).
		String sender = createKey(root, List.of("notifications:send"), null);
		machine().send("POST", "/api/v1/notifications", Map.of("all", true, "title", "no csrf"), bearer(sender))
			.assertStatus(201);
	}

	@Test
	void theStreamsOfARevokedOrExpiredKeyClose() {
		VigilClient root = VigilClient.root(this.port);
		VigilClient machine = machine();
		String revoked = createKey(root, List.of("notifications:read", "logs:read", "dashboard:read"), null);
		String expiring = createKey(root, List.of("dashboard:read"), Instant.now().plusSeconds(4));
		String kept = createKey(root, List.of("notifications:read"), null);
		List<SseClient> sse = new ArrayList<>();
		List<WsClient> ws = new ArrayList<>();
		try {
			for (String path : List.of("/api/v1/notifications/sse", "/api/v1/logs/sse")) {
				sse.add(SseClient.open(machine, path, bearer(revoked)));
			}
			for (String path : List.of("/api/v1/notifications/stream", "/api/v1/dashboard/stream")) {
				ws.add(WsClient.connect(machine, path, bearer(revoked)));
			}
			WsClient expiringStream = WsClient.connect(machine, "/api/v1/dashboard/stream", bearer(expiring));
			WsClient keptStream = WsClient.connect(machine, "/api/v1/notifications/stream", bearer(kept));
			ws.add(expiringStream);
			sse.forEach((client) -> assertThat(client.status()).isEqualTo(200));
			assertThat(keptStream.next().get("type").asString()).isEqualTo("unread_count");

			root.delete("/api/admin/api-keys/" + keyId(root, revoked)).assertStatus(200);
			await().atMost(Duration.ofSeconds(15)).until(() -> ws.stream().allMatch(WsClient::isClosed));
			for (SseClient client : sse) {
				SseClient.Event event;
				do {
					event = client.next(Duration.ofSeconds(10));
				}
				while (event != null && !event.name().equals(SseClient.END));
				assertThat(event).as("SSE stream of a revoked key ends").isNotNull();
			}
			ws.forEach((client) -> assertThat(client.closeCode(Duration.ZERO)).isEqualTo(1008));

			// The key's admin still gets live events on the key that was kept.
			long sent = root.post("/api/admin/notifications/send", Map.of("admin_id", root.adminId(), "title", "kept"))
				.assertStatus(201)
				.json()
				.get("id")
				.asLong();
			JsonNode frame = keptStream.next();
			while (!frame.get("type").asString().equals("notification")) {
				frame = keptStream.next();
			}
			assertThat(frame.get("id").asLong()).isEqualTo(sent);
			keptStream.close();
		}
		finally {
			sse.forEach(SseClient::close);
			ws.forEach(WsClient::close);
		}
	}

	@Test
	void keysNeverReachTheLog() throws IOException {
		VigilClient root = VigilClient.root(this.port);
		String secret = createKey(root, List.of("notifications:send"), null);
		String marker = "log-probe-" + System.nanoTime();
		machine().send("POST", "/api/v1/notifications", Map.of("all", true, "title", marker), bearer(secret))
			.assertStatus(201);
		machine().send("GET", "/api/v1/logs", null, bearer(secret)).assertStatus(403);
		machine().send("GET", "/api/v1/logs?key=" + secret, null, Map.of()).assertStatus(401);
		machine().send("GET", "/api/admin/profile", null, bearer(secret)).assertStatus(401);
		machine().send("GET", "/api/v1/dashboard", null, bearer(secret.substring(0, 40) + "zz")).assertStatus(401);
		Path log = Path.of(this.logFile);
		// Request lines go to the access log beside it.
		Path access = log.resolveSibling("access.log");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(Files.readString(access)).contains("/api/v1/notifications"));
		TestThreads.pause(200);
		for (Path file : List.of(log, access)) {
			assertThat(Files.readString(file)).doesNotContain(secret.substring(4))
				.doesNotContain(secret.substring(12, 40));
		}
	}

	private VigilClient machine() {
		return new VigilClient(this.port);
	}

	static Map<String, String> bearer(String secret) {
		return Map.of("Authorization", "Bearer " + secret);
	}

	private static String createKey(VigilClient root, List<String> scopes, Instant expiresAt) {
		Map<String, Object> body = (expiresAt != null)
				? Map.of("name", "test key", "scopes", scopes, "expires_at", expiresAt.toString())
				: Map.of("name", "test key", "scopes", scopes);
		return root.post("/api/admin/api-keys", body).assertStatus(201).json().get("secret").asString();
	}

	private static long keyId(VigilClient root, String secret) {
		for (JsonNode key : root.get("/api/admin/api-keys").json().get("keys")) {
			if (key.get("prefix").asString().equals(secret.substring(0, 12))) {
				return key.get("id").asLong();
			}
		}
		throw new AssertionError("no key with the prefix of " + secret.substring(0, 12));
	}

	private static JsonNode find(JsonNode keys, long id) {
		for (JsonNode key : keys) {
			if (key.get("id").asLong() == id) {
				return key;
			}
		}
		throw new AssertionError("key " + id + " not listed");
	}

}
