package dev.vigil.auth;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code VIGIL_AUTH_SECURE_COOKIES=false} (plain-HTTP local use) drops {@code Secure}
 * from every cookie, and only that.
 */
@VigilIntegrationTest
@TestPropertySource(properties = "vigil.auth.secure-cookies=false")
class PlainHttpCookiesIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void everyCookieLosesSecureAndKeepsTheRest() {
		VigilClient client = new VigilClient(this.port);
		VigilClient.Response login = client.login(VigilClient.ROOT_EMAIL, VigilClient.ROOT_PASSWORD).assertStatus(200);
		assertThat(login.setCookie("access_token")).matches(
				"access_token=[\\w-]+\\.[\\w-]+\\.[\\w-]+; Path=/api; Max-Age=300; Expires=[^;]+; HttpOnly; SameSite=Strict");
		assertThat(login.setCookie("refresh_token")).matches(
				"refresh_token=[0-9a-f]{64}; Path=/api/admin/auth; Max-Age=86400; Expires=[^;]+; HttpOnly; SameSite=Strict");
		assertThat(login.setCookie("XSRF-TOKEN")).matches("XSRF-TOKEN=[\\w-]+; Path=/; SameSite=Strict");

		VigilClient.Response logout = client.post("/api/admin/auth/logout", null).assertStatus(200);
		assertThat(logout.setCookie("access_token")).isEqualTo(
				"access_token=; Path=/api; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict");
	}

}
