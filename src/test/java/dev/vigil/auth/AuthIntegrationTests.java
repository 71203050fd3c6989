package dev.vigil.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@VigilIntegrationTest
class AuthIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void loginAnswersWithTheAdminAndNoSecret() {
		VigilClient client = new VigilClient(this.port);
		VigilClient.Response login = client.login(VigilClient.ROOT_EMAIL, VigilClient.ROOT_PASSWORD).assertStatus(200);

		assertThat(login.json().get("admin").get("email").asString()).isEqualTo(VigilClient.ROOT_EMAIL);
		assertThat(login.json().get("admin").get("role").asString()).isEqualTo("superadmin");
		assertThat(login.json().get("admin").get("scopes").toString()).contains("admin:admins");
		assertThat(login.body()).doesNotContain("password");
	}

	@Test
	void wrongPasswordAndUnknownEmailGiveTheSameAnswer() {
		VigilClient client = new VigilClient(this.port);
		VigilClient.Response wrongPassword = client.login(VigilClient.ROOT_EMAIL, "not-the-password")
			.assertProblem(401, "invalid credentials");
		VigilClient.Response unknownEmail = client.login("nobody@vigil.test", "not-the-password")
			.assertProblem(401, "invalid credentials");
		assertThat(unknownEmail.body()).isEqualTo(wrongPassword.body());
		assertThat(wrongPassword.setCookie("access_token")).isNull();
	}

	/**
	 * Login takes no CSRF token because a cross-site form cannot send JSON: what a form
	 * can send (text/plain, urlencoded, multipart), even with the right credentials,
	 * signs nobody in.
	 */
	@Test
	void loginRefusesWhatACrossSiteFormCanSend() throws Exception {
		String json = "{\"email\":\"" + VigilClient.ROOT_EMAIL + "\",\"password\":\"" + VigilClient.ROOT_PASSWORD
				+ "\"}";
		String form = "email=" + VigilClient.ROOT_EMAIL + "&password=" + VigilClient.ROOT_PASSWORD;
		HttpClient http = HttpClient.newHttpClient();
		for (String[] attempt : List.of(new String[] { "text/plain", json },
				new String[] { "application/x-www-form-urlencoded", form },
				new String[] { "multipart/form-data; boundary=x",
						"--x\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\n" + VigilClient.ROOT_EMAIL
								+ "\r\n--x--\r\n" })) {
			HttpResponse<String> response = http
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/admin/auth/login"))
					.header("Content-Type", attempt[0])
					.header("Origin", "https://evil.example")
					.POST(HttpRequest.BodyPublishers.ofString(attempt[1]))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("login posted as %s", attempt[0]).isEqualTo(415);
			assertThat(response.headers().allValues("Set-Cookie")).noneMatch((c) -> c.startsWith("access_token="));
		}
	}

	@Test
	void missingFieldsAreAValidationError() {
		VigilClient.Response response = new VigilClient(this.port).post("/api/admin/auth/login", Map.of("email", ""));
		response.assertProblem(422, "validation failed");
		assertThat(response.json().get("fields").has("email")).isTrue();
		assertThat(response.json().get("fields").has("password")).isTrue();
	}

	@Test
	void statusRotatesTheRefreshTokenAndReplayingTheOldOneRevokesTheSession() {
		VigilClient client = VigilClient.root(this.port);
		String first = client.cookie("refresh_token");

		VigilClient.Response status = client.get("/api/admin/auth").assertStatus(200);
		assertThat(status.json().get("admin").get("email").asString()).isEqualTo(VigilClient.ROOT_EMAIL);
		String second = client.cookie("refresh_token");
		assertThat(second).isNotNull().isNotEqualTo(first);
		assertThat(status.setCookie("access_token")).isNotNull();
		client.get("/api/admin/profile").assertStatus(200);
		String newestAccess = client.cookie("access_token");

		// An attacker replays the stolen first token: the whole session dies.
		VigilClient thief = new VigilClient(this.port);
		thief.setCookie("refresh_token", first, "/api/admin/auth");
		thief.get("/api/admin/auth").assertProblem(401, "session revoked");

		// Including the newest tokens, which the legitimate client still holds.
		client.get("/api/admin/profile").assertProblem(401, "session revoked");
		assertClearsAuthCookies(client.get("/api/admin/auth").assertProblem(401, "session revoked"));
		client.get("/api/admin/profile").assertProblem(401, "authentication required");
		VigilClient newest = new VigilClient(this.port);
		newest.setCookie("access_token", newestAccess, "/api");
		newest.get("/api/admin/profile").assertProblem(401, "session revoked");
		// The thief's second try gets nothing either.
		thief.setCookie("refresh_token", first, "/api/admin/auth");
		thief.get("/api/admin/auth").assertProblem(401, "session revoked");
	}

	/**
	 * Each cookie's attributes, exactly, wherever it is set: the auth cookies
	 * (ARCHITECTURE.md "Auth") at login and at every refresh, cleared with the same path
	 * and flags; the CSRF cookie readable by the SPA but otherwise as strict as the
	 * others.
	 */
	@Test
	void cookieAttributesAreExactAtLoginRefreshAndLogout() {
		String access = "access_token=[\\w-]+\\.[\\w-]+\\.[\\w-]+; Path=/api; Max-Age=300; Expires=[^;]+; Secure; "
				+ "HttpOnly; SameSite=Strict";
		String refresh = "refresh_token=[0-9a-f]{64}; Path=/api/admin/auth; Max-Age=86400; Expires=[^;]+; Secure; HttpOnly; "
				+ "SameSite=Strict";
		VigilClient client = new VigilClient(this.port);
		VigilClient.Response login = client.login(VigilClient.ROOT_EMAIL, VigilClient.ROOT_PASSWORD).assertStatus(200);
		assertThat(login.setCookie("access_token")).matches(access);
		assertThat(login.setCookie("refresh_token")).matches(refresh);
		assertThat(login.setCookie("XSRF-TOKEN")).matches("XSRF-TOKEN=[\\w-]+; Path=/; Secure; SameSite=Strict");
		assertThat(login.setCookies()).hasSize(3);

		VigilClient.Response refreshed = client.get("/api/admin/auth").assertStatus(200);
		assertThat(refreshed.setCookie("access_token")).matches(access);
		assertThat(refreshed.setCookie("refresh_token")).matches(refresh);
		// The CSRF token stays what the SPA already holds.
		assertThat(refreshed.setCookie("XSRF-TOKEN")).isNull();

		VigilClient.Response logout = client.post("/api/admin/auth/logout", null).assertStatus(200);
		String cleared = "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; SameSite=Strict";
		assertThat(logout.setCookie("access_token")).isEqualTo("access_token=; Path=/api" + cleared);
		assertThat(logout.setCookie("refresh_token")).isEqualTo("refresh_token=; Path=/api/admin/auth" + cleared);
	}

	@Test
	void logoutClearsCookiesAndEndsTheSession() {
		VigilClient client = VigilClient.root(this.port);
		String access = client.cookie("access_token");
		String refresh = client.cookie("refresh_token");

		assertClearsAuthCookies(client.post("/api/admin/auth/logout", null).assertStatus(200));

		// The old cookies no longer work, even though the JWT itself has not expired.
		VigilClient replay = new VigilClient(this.port);
		replay.setCookie("access_token", access, "/api");
		replay.get("/api/admin/profile").assertProblem(401, "session revoked");
		replay.setCookie("refresh_token", refresh, "/api/admin/auth");
		replay.get("/api/admin/auth").assertProblem(401, "invalid session");
	}

	@Test
	void statusWithoutCookieIsUnauthorized() {
		new VigilClient(this.port).get("/api/admin/auth").assertProblem(401, "authentication required");
	}

	@Test
	void passwordChangeKeepsThisSessionAndEndsTheOthers() {
		String email = VigilClient.createAdmin(this.port, "viewer");
		VigilClient laptop = VigilClient.loggedIn(this.port, email);
		VigilClient phone = VigilClient.loggedIn(this.port, email);
		laptop
			.put("/api/admin/profile/password", Map.of("current_password", "wrong-one", "new_password", "password-456"))
			.assertProblem(422, "validation failed");
		VigilClient.Response changed = laptop
			.put("/api/admin/profile/password",
					Map.of("current_password", "password-123", "new_password", "password-456"))
			.assertStatus(200);
		assertThat(changed.json().get("sessions_revoked").asInt()).isEqualTo(1);

		laptop.get("/api/admin/profile").assertStatus(200);
		phone.get("/api/admin/profile").assertStatus(401);
		new VigilClient(this.port).login(email, "password-456").assertStatus(200);
		new VigilClient(this.port).login(email, "password-123").assertStatus(401);
	}

	private static void assertClearsAuthCookies(VigilClient.Response response) {
		assertThat(response.setCookie("access_token")).startsWith("access_token=; Path=/api; Max-Age=0");
		assertThat(response.setCookie("refresh_token")).startsWith("refresh_token=; Path=/api/admin/auth; Max-Age=0");
	}

}
