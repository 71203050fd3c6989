package dev.vigil.auth;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@VigilIntegrationTest
@TestPropertySource(properties = "vigil.auth.login-rate-limit=20")
class LoginRateLimitIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void twentyFirstCredentialRequestInAMinuteIsRefused() {
		VigilClient signedIn = VigilClient.root(this.port);
		VigilClient client = new VigilClient(this.port);
		for (int i = 2; i <= 20; i++) {
			VigilClient.Response response = client.login("nobody@vigil.test", "wrong-password").assertStatus(401);
			assertThat(response.header("X-RateLimit-Limit")).isEqualTo("20");
			assertThat(response.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(20 - i));
			assertThat(Long.parseLong(response.header("X-RateLimit-Reset")))
				.isBetween(System.currentTimeMillis() / 1000, System.currentTimeMillis() / 1000 + 61);
		}
		VigilClient.Response refused = client.login(VigilClient.ROOT_EMAIL, VigilClient.ROOT_PASSWORD)
			.assertProblem(429, "too many requests, please try again later");
		assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
		assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");

		// Spellings of the login path that the dispatcher decodes to it are limited just
		// the same: a 401
		// would mean a password was checked past the limit.
		for (String path : List.of("/api/%61dmin/auth/login", "/api/admin/%61uth/login", "/%61pi/admin/auth/login",
				"/api/admin/auth/%6Cogin")) {
			VigilClient.Response response = client.post(path, Map.of("email", "nobody@vigil.test", "password", "x"));
			assertThat(response.status()).as("POST %s past the limit", path).isIn(400, 404, 429);
		}

		// The session check the admin UI makes on every page load checks no password: not
		// limited.
		for (int i = 0; i < 25; i++) {
			VigilClient.Response check = signedIn.get("/api/admin/auth").assertStatus(200);
			assertThat(check.header("X-RateLimit-Limit")).isNull();
		}

		// Only the auth endpoints are limited.
		client.get("/api/health").assertStatus(200);
	}

}
