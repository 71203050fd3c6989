package dev.vigil.auth;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.vigil.support.TotpCodes;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy that requires a second factor: a server (and database) of its own, since it
 * changes how everyone of a role signs in.
 */
@VigilIntegrationTest
class SecondFactorPolicyIntegrationTests {

	/** A new database each run: the test leaves the root admin with a second factor. */
	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("vigil.storage.data-dir",
				() -> "target/test-data-second-factor-policy/" + UUID.randomUUID().toString().substring(0, 8));
	}

	private static final String PENDING = "/api/admin/auth/second-factor";

	@LocalServerPort
	int port;

	@Test
	void aRequiredFactorIsEnrolledAtSignInAndCannotBeTurnedOff() {
		VigilClient root = VigilClient.root(this.port);
		String email = VigilClient.createAdmin(this.port, "viewer");
		VigilClient.withNewAdmin(this.port, "admin")
			.put("/api/admin/second-factor/policy", Map.of("everyone", false, "roles", List.of("viewer")))
			.assertProblem(403, "insufficient permissions");
		root.put("/api/admin/second-factor/policy", Map.of("everyone", false, "roles", List.of("nope")))
			.assertStatus(422);
		root.put("/api/admin/second-factor/policy", Map.of("everyone", false)).assertStatus(422);
		root.put("/api/admin/second-factor/policy", Map.of("everyone", false, "roles", List.of("viewer")))
			.assertStatus(200);
		assertThat(root.get("/api/admin/second-factor/policy").json().get("roles").toString())
			.isEqualTo("[\"viewer\"]");
		// Other roles sign in as before.
		assertThat(root.login(VigilClient.ROOT_EMAIL, VigilClient.ROOT_PASSWORD).json().has("admin")).isTrue();

		VigilClient viewer = new VigilClient(this.port);
		VigilClient.Response login = viewer.login(email, VigilClient.ADMIN_PASSWORD).assertStatus(200);
		assertThat(login.json().get("second_factor").get("enrolled").asBoolean()).isFalse();
		assertThat(login.setCookie("access_token")).isNull();
		viewer.post(PENDING, Map.of("code", "123456")).assertProblem(409, "no second factor is set up");

		VigilClient.Response enrol = viewer.post(PENDING + "/enrol", null).assertStatus(200);
		String secret = enrol.json().get("secret").asString();
		assertThat(viewer.cookie("access_token")).isNull();
		VigilClient.Response confirmed = viewer
			.post(PENDING + "/enrol/confirm", Map.of("code", TotpCodes.code(secret, TotpCodes.now())))
			.assertStatus(200);
		assertThat(confirmed.json().get("admin").get("email").asString()).isEqualTo(email);
		assertThat(confirmed.json().get("recovery_codes").size()).isEqualTo(10);
		VigilClient.Response status = viewer.get("/api/admin/second-factor").assertStatus(200);
		assertThat(status.json().get("required").asBoolean()).isTrue();
		assertThat(status.json().get("enrolled").asBoolean()).isTrue();

		viewer
			.post("/api/admin/second-factor/disable",
					Map.of("password", VigilClient.ADMIN_PASSWORD, "code",
							confirmed.json().get("recovery_codes").get(0).asString()))
			.assertProblem(409, "a second factor is required for your role: it cannot be turned off");

		// Required for everyone: the superadmin too, at the next sign-in.
		root.put("/api/admin/second-factor/policy", Map.of("everyone", true, "roles", List.of())).assertStatus(200);
		VigilClient rootAgain = new VigilClient(this.port);
		assertThat(rootAgain.login(VigilClient.ROOT_EMAIL, VigilClient.ROOT_PASSWORD)
			.assertStatus(200)
			.json()
			.get("second_factor")
			.get("enrolled")
			.asBoolean()).isFalse();
		String rootSecret = rootAgain.post(PENDING + "/enrol", null).json().get("secret").asString();
		rootAgain.post(PENDING + "/enrol/confirm", Map.of("code", TotpCodes.code(rootSecret, TotpCodes.now())))
			.assertStatus(200);
		rootAgain.put("/api/admin/second-factor/policy", Map.of("everyone", false, "roles", List.of()))
			.assertStatus(200);
	}

}
