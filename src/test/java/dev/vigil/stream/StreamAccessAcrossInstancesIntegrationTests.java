package dev.vigil.stream;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.support.SseClient;
import dev.vigil.support.TwoInstances;
import dev.vigil.support.VigilClient;
import dev.vigil.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Vigil processes on one database and one bus: a session revoked, or a role changed,
 * through one closes the streams it concerns on the other.
 */
class StreamAccessAcrossInstancesIntegrationTests {

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
	void revokingASessionOnAClosesItsStreamsOnBWithinTwoSeconds() {
		String email = VigilClient.createAdmin(pair.portA, "viewer");
		VigilClient onB = VigilClient.loggedIn(pair.portB, email);
		VigilClient other = VigilClient.loggedIn(pair.portB, email);
		try (SseClient sse = SseClient.open(onB, "/api/admin/notifications/stream");
				WsClient ws = WsClient.connect(onB, "/api/admin/notifications/stream");
				WsClient otherWs = WsClient.connect(other, "/api/admin/notifications/stream")) {
			assertThat(sse.next().name()).isEqualTo("notification");
			ws.next();
			otherWs.next();
			VigilClient.root(pair.portA).delete("/api/admin/sessions/" + onB.currentSessionId()).assertStatus(200);
			assertThat(ws.closeCode(Duration.ofSeconds(2))).isEqualTo(1008);
			assertThat(endsWithin(sse, Duration.ofSeconds(2))).isTrue();
			// The admin's other session keeps its stream.
			assertThat(otherWs.isClosed()).isFalse();
		}
	}

	@Test
	void aRoleChangedOnAClosesTheStreamsItNoLongerAllowsOnB() {
		String role = "r" + UUID.randomUUID().toString().substring(0, 8);
		VigilClient rootA = VigilClient.root(pair.portA);
		rootA.post("/api/admin/roles", Map.of("name", role, "scopes", List.of("admin:logs", "admin:audit")))
			.assertStatus(201);
		String email = VigilClient.createAdmin(pair.portA, role);
		VigilClient onB = VigilClient.loggedIn(pair.portB, email);
		onB.get("/api/admin/logs/sources").assertStatus(200);
		try (SseClient sse = SseClient.open(onB, "/api/admin/logs/stream?source=vigil");
				WsClient ws = WsClient.connect(onB, "/api/admin/logs/stream?source=vigil");
				WsClient notifications = WsClient.connect(onB, "/api/admin/notifications/stream")) {
			assertThat(sse.status()).isEqualTo(200);
			notifications.next();
			rootA.put("/api/admin/roles/" + role, Map.of("scopes", List.of("admin:audit"))).assertStatus(200);
			assertThat(ws.closeCode(Duration.ofSeconds(5))).isEqualTo(1008);
			assertThat(endsWithin(sse, Duration.ofSeconds(5))).isTrue();
			// B judges requests by the role as it is now, too, and keeps what it allows.
			onB.get("/api/admin/logs/sources").assertProblem(403, "insufficient permissions");
			onB.get("/api/admin/audit").assertStatus(200);
			assertThat(notifications.isClosed()).isFalse();
		}
	}

	@Test
	void givingAnAdminAnotherRoleOnAClosesTheirApiKeysForbiddenStreamsOnB() {
		VigilClient rootA = VigilClient.root(pair.portA);
		String role = role(rootA, null);
		VigilClient owner = VigilClient.loggedIn(pair.portA, VigilClient.createAdmin(pair.portA, role));
		long ownerId = owner.adminId();
		String secret = owner.post("/api/admin/api-keys", Map.of("name", "k", "scopes", List.of("logs:read")))
			.assertStatus(201)
			.json()
			.get("secret")
			.asString();
		Map<String, String> bearer = Map.of("Authorization", "Bearer " + secret);
		// No session covers a key's stream: only the role change can close it.
		try (SseClient sse = SseClient.open(new VigilClient(pair.portB), "/api/v1/logs/stream?source=vigil", bearer)) {
			assertThat(sse.status()).isEqualTo(200);
			rootA.put("/api/admin/admins/" + ownerId, Map.of("role", role(rootA, List.of()))).assertStatus(200);
			assertThat(endsWithin(sse, Duration.ofSeconds(5))).isTrue();
		}
	}

	/** A new role that may read logs and make API keys, limited to {@code sources}. */
	static String role(VigilClient root, List<String> sources) {
		String name = "r" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, Object> body = new HashMap<>(
				Map.of("name", name, "scopes", List.of("admin:logs", "admin:api-keys")));
		body.put("log_sources", sources);
		root.post("/api/admin/roles", body).assertStatus(201);
		return name;
	}

	/**
	 * Whether the stream ends (skipping whatever it sends first) within {@code timeout}.
	 */
	static boolean endsWithin(SseClient sse, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			SseClient.Event event = sse.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
			if (event != null && event.name().equals(SseClient.END)) {
				return true;
			}
		}
		return false;
	}

}
