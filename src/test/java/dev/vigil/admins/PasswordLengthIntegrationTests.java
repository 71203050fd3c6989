package dev.vigil.admins;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bcrypt reads at most 72 bytes of a password: longer new passwords are a 422 naming the
 * limit in bytes (wherever a password is set), a longer one at login is a plain 401, and
 * the 72-byte limit is counted in UTF-8, not in characters.
 */
@VigilIntegrationTest
class PasswordLengthIntegrationTests {

	/** 72 bytes in UTF-8 (36 two-byte characters): the longest password there is. */
	private static final String LONGEST = "\u00e4".repeat(36);

	@LocalServerPort
	int port;

	@Test
	void tooLongNewPasswordsAre422WithTheLimitInBytes() {
		VigilClient root = VigilClient.root(this.port);
		for (String password : new String[] { "p".repeat(100), "\u00e4".repeat(37), "\uD83D\uDE00".repeat(19),
				"x".repeat(1024), "y".repeat(5000) }) {
			assertTooLong(
					root.post("/api/admin/admins", Map.of("email", VigilClient.uniqueEmail(), "password", password)));
			String email = VigilClient.createAdmin(this.port, "viewer");
			long id = VigilClient.loggedIn(this.port, email).adminId();
			assertTooLong(root.put("/api/admin/admins/" + id, Map.of("password", password)));
			assertTooLong(VigilClient.loggedIn(this.port, email)
				.put("/api/admin/profile/password",
						Map.of("current_password", VigilClient.ADMIN_PASSWORD, "new_password", password)));
		}
	}

	@Test
	void seventyTwoBytesAndControlCharactersAreAcceptedAndLogIn() {
		VigilClient root = VigilClient.root(this.port);
		for (String password : new String[] { LONGEST, "tab\tbell\u0007nul\u0000esc\u001b", "p".repeat(72) }) {
			assertThat(password.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(72);
			String email = VigilClient.uniqueEmail();
			root.post("/api/admin/admins", Map.of("email", email, "password", password)).assertStatus(201);
			new VigilClient(this.port).login(email, password).assertStatus(200);
		}
	}

	/**
	 * bcrypt would compare only the first 72 bytes: a longer attempt must never match.
	 */
	@Test
	void loginWithMoreThan72BytesIsAPlain401() {
		VigilClient root = VigilClient.root(this.port);
		String email = VigilClient.uniqueEmail();
		root.post("/api/admin/admins", Map.of("email", email, "password", LONGEST)).assertStatus(201);
		VigilClient anonymous = new VigilClient(this.port);
		anonymous.login(email, LONGEST + "x").assertProblem(401, "invalid credentials");
		anonymous.login(email, LONGEST + LONGEST).assertProblem(401, "invalid credentials");
		anonymous.login(VigilClient.ROOT_EMAIL, "p".repeat(100)).assertProblem(401, "invalid credentials");
		anonymous.login(VigilClient.ROOT_EMAIL, "\uD83D\uDE00".repeat(200)).assertProblem(401, "invalid credentials");
		anonymous.login(email, LONGEST).assertStatus(200);
	}

	private static void assertTooLong(VigilClient.Response response) {
		response.assertProblem(422, "validation failed");
		assertThat(response.json().get("fields").properties()).hasSize(1);
		String message = response.json().get("fields").valueStream().findFirst().orElseThrow().asString();
		assertThat(message).isEqualTo("must be at most 72 bytes in UTF-8");
	}

}
