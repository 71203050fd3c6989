package dev.vigil.auth;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind one trusted proxy, the client address is the {@code X-Forwarded-For} entry that
 * proxy appended (the right-most), not what the client wrote before it.
 */
@VigilIntegrationTest
@TestPropertySource(properties = { "vigil.web.trust-proxy=true", "vigil.auth.login-rate-limit=5" })
class ForwardedForIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void aSpoofedLeftMostEntryDoesNotEscapeTheLoginRateLimit() {
		VigilClient client = new VigilClient(this.port);
		for (int i = 1; i <= 5; i++) {
			login(client, "198.51.100." + i + ", 203.0.113.7", "nobody@vigil.test", "wrong-password").assertStatus(401);
		}
		login(client, "198.51.100.99, 203.0.113.7", "nobody@vigil.test", "wrong-password").assertProblem(429,
				"too many requests, please try again later");
		// Another client behind the same proxy has its own budget.
		login(client, "198.51.100.1, 203.0.113.8", "nobody@vigil.test", "wrong-password").assertStatus(401);
	}

	@Test
	void sessionsAndAuditRecordTheAddressTheProxySaw() {
		VigilClient client = new VigilClient(this.port);
		login(client, "6.6.6.6, 203.0.113.9", VigilClient.ROOT_EMAIL, VigilClient.ROOT_PASSWORD).assertStatus(200);
		JsonNode session = client.get("/api/admin/profile/sessions")
			.assertStatus(200)
			.json()
			.get("sessions")
			.valueStream()
			.filter((s) -> s.get("current").asBoolean())
			.findFirst()
			.orElseThrow();
		assertThat(session.get("ip").asString()).isEqualTo("203.0.113.9");
		JsonNode login = client.get("/api/admin/audit?action=auth.login&limit=100")
			.assertStatus(200)
			.json()
			.get("entries")
			.valueStream()
			.filter((e) -> session.get("id").asString().equals(e.get("entity_id").asString()))
			.findFirst()
			.orElseThrow();
		assertThat(login.get("ip").asString()).isEqualTo("203.0.113.9");
	}

	private static VigilClient.Response login(VigilClient client, String forwardedFor, String email, String password) {
		return client.send("POST", "/api/admin/auth/login", Map.of("email", email, "password", password),
				Map.of("X-Forwarded-For", forwardedFor));
	}

}
