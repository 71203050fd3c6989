package dev.vigil.auth;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each API key has its own per-minute budget on the machine API, announced in the usual
 * headers; a spent key gets 429 with {@code Retry-After} and other keys are unaffected.
 */
@VigilIntegrationTest
@TestPropertySource(properties = "vigil.api-keys.rate-limit=5")
class ApiKeyRateLimitIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void aKeyThatSpentItsBudgetGets429AndOtherKeysDoNot() {
		VigilClient root = VigilClient.root(this.port);
		String busy = key(root);
		String quiet = key(root);
		VigilClient machine = new VigilClient(this.port);
		for (int i = 1; i <= 5; i++) {
			VigilClient.Response response = machine
				.send("GET", "/api/v1/dashboard", null, ApiKeysIntegrationTests.bearer(busy))
				.assertStatus(200);
			assertThat(response.header("X-RateLimit-Limit")).isEqualTo("5");
			assertThat(response.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(5 - i));
			assertThat(Long.parseLong(response.header("X-RateLimit-Reset")))
				.isGreaterThan(System.currentTimeMillis() / 1000 - 1);
		}
		VigilClient.Response refused = machine
			.send("GET", "/api/v1/dashboard", null, ApiKeysIntegrationTests.bearer(busy))
			.assertProblem(429, "too many requests, please try again later");
		assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
		assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");

		machine.send("GET", "/api/v1/dashboard", null, ApiKeysIntegrationTests.bearer(quiet)).assertStatus(200);
	}

	private static String key(VigilClient root) {
		return root.post("/api/admin/api-keys", Map.of("name", "rate", "scopes", List.of("dashboard:read")))
			.assertStatus(201)
			.json()
			.get("secret")
			.asString();
	}

}
