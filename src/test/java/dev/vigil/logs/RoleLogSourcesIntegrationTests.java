package dev.vigil.logs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.vigil.support.LogDirectory;
import dev.vigil.support.SseClient;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;
import dev.vigil.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roles limited to log sources, through the real endpoints and both transports: a
 * viewer-like role limited to one source cannot read another over REST, SSE or WebSocket;
 * changing a role closes the streams it no longer allows and REST follows at once.
 */
@VigilIntegrationTest
class RoleLogSourcesIntegrationTests {

	static final LogDirectory LOGS = LogDirectory.create("vigil-role-sources-own");

	static final Path DIR = LogSourcesIntegrationTests.LogDirectoryOf.create("vigil-role-sources-apps");

	private static final AtomicLong ROLES = new AtomicLong(System.nanoTime() % 100_000);

	@DynamicPropertySource
	static void sources(DynamicPropertyRegistry registry) {
		LOGS.register(registry);
		LogSourcesIntegrationTests.source(registry, 0, "app", DIR.resolve("app.log"), "plain", null);
		LogSourcesIntegrationTests.source(registry, 1, "other", DIR.resolve("other.log"), "plain", null);
	}

	@LocalServerPort
	int port;

	@Test
	void aRoleLimitedToOneSourceCannotReadAnotherOverRestSseOrWebSocket() throws IOException {
		append("app.log", "INFO app line\n");
		append("other.log", "INFO other line\n");
		String role = role(List.of("admin:logs"), List.of("app"));
		VigilClient client = VigilClient.withNewAdmin(this.port, role);

		JsonNode sources = client.get("/api/admin/logs/sources").assertStatus(200).json().get("sources");
		List<String> names = new ArrayList<>();
		sources.forEach((source) -> names.add(source.get("name").asString()));
		assertThat(names).containsExactly("app");

		for (String source : List.of("other", "vigil")) {
			for (String path : List.of("/api/admin/logs?source=" + source, "/api/admin/logs/files?source=" + source,
					"/api/admin/logs/files/" + source + ".log?source=" + source,
					"/api/admin/logs/rate?source=" + source, "/api/admin/logs/export?source=" + source,
					"/api/admin/logs/seek?at=2026-01-01T00:00:00Z&source=" + source,
					"/api/admin/logs/context?cursor=x&source=" + source)) {
				client.get(path).assertProblem(403, "your role may not read this log source");
			}
			try (SseClient sse = SseClient.open(client, "/api/admin/logs/stream?source=" + source);
					SseClient alias = SseClient.open(client, "/api/admin/logs/sse?source=" + source)) {
				assertThat(sse.status()).isEqualTo(403);
				assertThat(alias.status()).isEqualTo(403);
			}
			assertThat(WsClient.refusedStatus(client, "/api/admin/logs/stream?source=" + source, Map.of()))
				.isEqualTo(403);
		}
		// Without ?source= the stream is the own log, which this role may not read
		// either.
		client.get("/api/admin/logs").assertStatus(403);

		assertThat(client.get("/api/admin/logs?source=app").assertStatus(200).json().get("entries").toString())
			.contains("app line");
		try (SseClient sse = SseClient.open(client, "/api/admin/logs/stream?source=app&backlog=1");
				WsClient ws = WsClient.connect(client, "/api/admin/logs/stream?source=app&backlog=1")) {
			assertThat(sse.status()).isEqualTo(200);
			assertThat(lineWith(sse, "app line")).isTrue();
			assertThat(lineWith(ws, "app line")).isTrue();
		}

		// An API key acts within its owner's role: the key's logs:read, the role's
		// sources.
		VigilClient keyOwner = VigilClient.withNewAdmin(this.port,
				role(List.of("admin:logs", "admin:api-keys"), List.of("app")));
		String secret = keyOwner.post("/api/admin/api-keys", Map.of("name", "k", "scopes", List.of("logs:read")))
			.assertStatus(201)
			.json()
			.get("secret")
			.asString();
		VigilClient machine = new VigilClient(this.port);
		Map<String, String> bearer = Map.of("Authorization", "Bearer " + secret);
		assertThat(machine.send("GET", "/api/v1/logs?source=other", null, bearer).status()).isEqualTo(403);
		assertThat(machine.send("GET", "/api/v1/logs?source=app", null, bearer).status()).isEqualTo(200);
		VigilClient root = VigilClient.root(this.port);
		assertThat(root.get("/api/admin/logs?source=other").status()).isEqualTo(200);
	}

	@Test
	void changingARoleClosesTheStreamsItNoLongerAllowsAndRestFollowsAtOnce() throws IOException {
		String role = role(List.of("admin:logs"), null);
		VigilClient client = VigilClient.withNewAdmin(this.port, role);
		VigilClient root = VigilClient.root(this.port);
		try (SseClient appSse = SseClient.open(client, "/api/admin/logs/stream?source=app");
				WsClient appWs = WsClient.connect(client, "/api/admin/logs/stream?source=app");
				SseClient otherSse = SseClient.open(client, "/api/admin/logs/stream?source=other");
				WsClient otherWs = WsClient.connect(client, "/api/admin/logs/stream?source=other")) {
			assertThat(appSse.status()).isEqualTo(200);
			assertThat(otherSse.status()).isEqualTo(200);
			String first = "first-" + UUID.randomUUID();
			append("app.log", "INFO " + first + "\n");
			assertThat(lineWith(appSse, first)).isTrue();
			assertThat(lineWith(appWs, first)).isTrue();

			// The role loses the source: its streams close (WebSocket 1008, SSE ends),
			// REST refuses at once, the other source's streams stay.
			root.put("/api/admin/roles/" + role,
					Map.of("scopes", List.of("admin:logs"), "log_sources", List.of("other")))
				.assertStatus(200);
			client.get("/api/admin/logs?source=app").assertProblem(403, "your role may not read this log source");
			assertThat(appWs.closeCode(Duration.ofSeconds(10))).isEqualTo(1008);
			assertThat(endOf(appSse)).isTrue();
			String second = "second-" + UUID.randomUUID();
			append("other.log", "INFO " + second + "\n");
			assertThat(lineWith(otherSse, second)).isTrue();
			assertThat(lineWith(otherWs, second)).isTrue();
			assertThat(WsClient.refusedStatus(client, "/api/admin/logs/stream?source=app", Map.of())).isEqualTo(403);

			// The role loses admin:logs: every log stream closes, the whole area is 403.
			root.put("/api/admin/roles/" + role, Map.of("scopes", List.of("admin:audit"))).assertStatus(200);
			client.get("/api/admin/logs/sources").assertProblem(403, "insufficient permissions");
			client.get("/api/admin/audit").assertStatus(200);
			assertThat(otherWs.closeCode(Duration.ofSeconds(10))).isEqualTo(1008);
			assertThat(endOf(otherSse)).isTrue();
		}
		// The same session, still signed in: only the role changed.
		client.get("/api/admin/profile").assertStatus(200);
	}

	@Test
	void givingAnAdminAnotherRoleClosesTheirApiKeysStreamsItDoesNotAllow() throws IOException {
		VigilClient owner = VigilClient.withNewAdmin(this.port,
				role(List.of("admin:logs", "admin:api-keys"), List.of("app")));
		String secret = owner.post("/api/admin/api-keys", Map.of("name", "k", "scopes", List.of("logs:read")))
			.assertStatus(201)
			.json()
			.get("secret")
			.asString();
		Map<String, String> bearer = Map.of("Authorization", "Bearer " + secret);
		VigilClient machine = new VigilClient(this.port);
		try (SseClient sse = SseClient.open(machine, "/api/v1/logs/stream?source=app", bearer)) {
			assertThat(sse.status()).isEqualTo(200);
			String first = "key-" + UUID.randomUUID();
			append("app.log", "INFO " + first + "\n");
			assertThat(lineWith(sse, first)).isTrue();
			// No session of the owner covers the key's stream: the role change itself
			// closes it.
			VigilClient.root(this.port)
				.put("/api/admin/admins/" + owner.adminId(),
						Map.of("role", role(List.of("admin:logs", "admin:api-keys"), List.of("other"))))
				.assertStatus(200);
			assertThat(endOf(sse)).isTrue();
		}
		assertThat(machine.send("GET", "/api/v1/logs?source=app", null, bearer).status()).isEqualTo(403);
	}

	@Test
	void alertRulesFollowTheRolesSources() {
		String role = role(List.of("admin:logs", "admin:alerts"), List.of("app"));
		VigilClient client = VigilClient.withNewAdmin(this.port, role);
		String body = """
				{"name":"n","source":"%s","levels":["error"],"pattern":"x","threshold":2,"window_seconds":60,
				 "recipient_admin_ids":[%d]}
				""";
		client.post("/api/admin/alerts", body.formatted("other", client.adminId()))
			.assertProblem(403, "you may not read this log source");
		client.post("/api/admin/alerts", body.formatted("app", client.adminId())).assertStatus(201);
	}

	/** A new role with these scopes and sources (null: every source); its name. */
	private String role(List<String> scopes, List<String> sources) {
		String name = "r" + ROLES.incrementAndGet();
		Map<String, Object> body = new HashMap<>(Map.of("name", name, "scopes", scopes));
		body.put("log_sources", sources);
		VigilClient.root(this.port).post("/api/admin/roles", body).assertStatus(201);
		return name;
	}

	private static void append(String file, String text) throws IOException {
		Files.writeString(DIR.resolve(file), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
	}

	private static boolean lineWith(SseClient sse, String text) {
		SseClient.Event event = sse.next(Duration.ofSeconds(10));
		while (event != null && !event.data().contains(text)) {
			event = sse.next(Duration.ofSeconds(10));
		}
		return event != null;
	}

	private static boolean lineWith(WsClient ws, String text) {
		WsClient.Frame frame = ws.next(Duration.ofSeconds(10));
		while (frame != null && !frame.text().contains(text)) {
			frame = ws.next(Duration.ofSeconds(10));
		}
		return frame != null;
	}

	/** Whether the SSE stream ended within a few seconds. */
	private static boolean endOf(SseClient sse) {
		SseClient.Event event = sse.next(Duration.ofSeconds(10));
		while (event != null && !event.name().equals(SseClient.END)) {
			event = sse.next(Duration.ofSeconds(10));
		}
		return event != null;
	}

}
