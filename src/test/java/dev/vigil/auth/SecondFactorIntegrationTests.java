package dev.vigil.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;

import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import dev.vigil.audit.AuditLog;
import dev.vigil.support.TotpCodes;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password sign-in with a TOTP second factor through the real port: codes are computed
 * here from the secret the enrolment shows, as an authenticator app would.
 */
@VigilIntegrationTest
class SecondFactorIntegrationTests {

	private static final String PENDING = "/api/admin/auth/second-factor";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SecondFactorRepository repository;

	@Autowired
	AdminAccounts accounts;

	@Autowired
	SecretKey signingKey;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	Roles roles;

	@Autowired
	AuditLog audit;

	/** An admin who enrolled from the profile: email, secret, recovery codes. */
	record Enrolled(String email, long id, String secret, List<String> recoveryCodes) {
	}

	private Enrolled enrolNewAdmin(String role) {
		String email = VigilClient.createAdmin(this.port, role);
		VigilClient client = VigilClient.loggedIn(this.port, email);
		client.get("/api/admin/second-factor").assertStatus(200);
		VigilClient.Response enrol = client.post("/api/admin/second-factor/enrol", Map.of()).assertStatus(200);
		String secret = enrol.json().get("secret").asString();
		assertThat(enrol.json().get("otpauth_uri").asString()).startsWith("otpauth://totp/Vigil:")
			.contains("secret=" + secret);
		assertThat(enrol.json().get("qr_code").asString()).startsWith("data:image/svg+xml;base64,");
		VigilClient.Response confirmed = client
			.post("/api/admin/second-factor/enrol/confirm", Map.of("code", TotpCodes.code(secret, TotpCodes.now())))
			.assertStatus(200);
		List<String> codes = new ArrayList<>();
		confirmed.json().get("recovery_codes").forEach((c) -> codes.add(c.asString()));
		assertThat(codes).hasSize(10).doesNotHaveDuplicates();
		assertThat(client.get("/api/admin/second-factor").json().get("enrolled").asBoolean()).isTrue();
		return new Enrolled(email, client.adminId(), secret, codes);
	}

	/** A password sign-in that stops at the second step. */
	private VigilClient pendingSignIn(String email) {
		VigilClient client = new VigilClient(this.port);
		VigilClient.Response login = client.login(email, VigilClient.ADMIN_PASSWORD).assertStatus(200);
		assertThat(login.json().get("second_factor").get("enrolled").asBoolean()).isTrue();
		assertThat(login.json().has("admin")).isFalse();
		return client;
	}

	@Test
	void signInTakesACodeAfterThePasswordAndGivesNoAccessBeforeIt() {
		Enrolled admin = enrolNewAdmin("admin");
		VigilClient client = new VigilClient(this.port);
		VigilClient.Response login = client.login(admin.email(), VigilClient.ADMIN_PASSWORD).assertStatus(200);

		assertThat(login.setCookie("access_token")).isNull();
		assertThat(login.setCookie("refresh_token")).isNull();
		assertThat(login.setCookie("second_factor_pending")).contains("HttpOnly")
			.contains("Path=/api/admin/auth")
			.contains("Max-Age=300")
			.contains("SameSite=Strict");
		client.get("/api/admin/profile").assertProblem(401, "authentication required");
		client.get("/api/admin/auth").assertProblem(401, "authentication required");
		// The pending token is no access token, even where one is expected.
		VigilClient forged = new VigilClient(this.port);
		forged.setCookie("access_token", client.cookie("second_factor_pending"), "/api");
		assertThat(forged.get("/api/admin/profile").status()).isEqualTo(401);

		VigilClient.Response passed = client
			.post(PENDING, Map.of("code", TotpCodes.code(admin.secret(), TotpCodes.now() + 1)))
			.assertStatus(200);
		assertThat(passed.json().get("admin").get("email").asString()).isEqualTo(admin.email());
		assertThat(passed.setCookie("access_token")).isNotNull();
		assertThat(passed.setCookie("second_factor_pending")).contains("Max-Age=0");
		client.get("/api/admin/profile").assertStatus(200);
		assertThat(auditDetails(admin.id(), "auth.second_factor")).contains("method=totp");
		assertThat(auditDetails(admin.id(), "auth.login")).contains("method=password");
	}

	@Test
	void aWrongPasswordIsAuditedWithTheAdminAndNotTheTypedEmail() {
		Enrolled admin = enrolNewAdmin("viewer");
		new VigilClient(this.port).login(admin.email(), "not-the-password").assertProblem(401, "invalid credentials");
		assertThat(auditDetails(admin.id(), "auth.login_failed")).isEqualTo("reason=wrong password method=password");
		String typed = "typed-" + UUID.randomUUID() + "@vigil.test";
		new VigilClient(this.port).login(typed, "not-the-password").assertProblem(401, "invalid credentials");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE details LIKE :typed OR entity_id LIKE :typed")
			.param("typed", "%" + typed + "%")
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aCodeIsAcceptedOnceAndOlderOnesAreRefused() {
		Enrolled admin = enrolNewAdmin("viewer");
		long step = TotpCodes.now() + 1;
		pendingSignIn(admin.email()).post(PENDING, Map.of("code", TotpCodes.code(admin.secret(), step)))
			.assertStatus(200);

		VigilClient again = pendingSignIn(admin.email());
		again.post(PENDING, Map.of("code", TotpCodes.code(admin.secret(), step)))
			.assertProblem(401, "this code was already used: wait for the next one");
		again.post(PENDING, Map.of("code", TotpCodes.code(admin.secret(), step - 1)))
			.assertProblem(401, "this code was already used: wait for the next one");
		assertThat(again.cookie("access_token")).isNull();
		assertThat(auditDetails(admin.id(), "auth.second_factor_failed")).contains("reason=replayed");
	}

	@Test
	void wrongCodesAreLimitedPerAdminAndVoidThePendingSignIn() {
		Enrolled admin = enrolNewAdmin("viewer");
		String right = TotpCodes.code(admin.secret(), TotpCodes.now());
		String wrong = right.equals("123456") ? "654321" : "123456";
		VigilClient client = pendingSignIn(admin.email());
		for (int i = 1; i < 5; i++) {
			client.post(PENDING, Map.of("code", wrong)).assertProblem(401, "wrong code");
		}
		VigilClient.Response fifth = client.post(PENDING, Map.of("code", wrong))
			.assertProblem(429, "too many wrong codes: sign in again in a few minutes");
		assertThat(fifth.setCookie("second_factor_pending")).contains("Max-Age=0");

		// The voided pending cookie is refused even when kept, and with the right code.
		VigilClient kept = anonymous();
		Matcher voided = Pattern.compile("second_factor_pending=([^;]+)")
			.matcher(fifth.http().request().headers().firstValue("Cookie").orElseThrow());
		assertThat(voided.find()).as("the pending cookie sent with the fifth code").isTrue();
		kept.setCookie("second_factor_pending", voided.group(1), "/api/admin/auth");
		kept.post(PENDING, Map.of("code", right))
			.assertProblem(401, "no sign-in is waiting for a second factor: sign in again");

		// A new password sign-in does not reset the admin's budget.
		pendingSignIn(admin.email()).post(PENDING, Map.of("code", right))
			.assertProblem(429, "too many wrong codes: sign in again in a few minutes");
		assertThat(auditDetails(admin.id(), "auth.second_factor_failed")).contains("limited=true");
	}

	@Test
	void aRecoveryCodeSignsInOnce() {
		Enrolled admin = enrolNewAdmin("admin");
		String code = admin.recoveryCodes().get(3);
		pendingSignIn(admin.email()).post(PENDING, Map.of("code", code.toUpperCase())).assertStatus(200);
		pendingSignIn(admin.email()).post(PENDING, Map.of("code", code)).assertProblem(401, "wrong code");
		VigilClient signedIn = pendingSignIn(admin.email());
		signedIn.post(PENDING, Map.of("code", admin.recoveryCodes().get(4))).assertStatus(200);
		assertThat(signedIn.get("/api/admin/second-factor").json().get("recovery_codes_left").asInt()).isEqualTo(8);
		assertThat(auditDetails(admin.id(), "auth.second_factor")).contains("method=recovery_code");
	}

	@Test
	void neitherSecretNorRecoveryCodesAreStoredInClear() {
		Enrolled admin = enrolNewAdmin("viewer");
		String stored = this.jdbc.sql("SELECT secret FROM second_factors WHERE admin_id = :id")
			.param("id", admin.id())
			.query(String.class)
			.single();
		byte[] raw = new Base32().decode(admin.secret());
		assertThat(stored).doesNotContain(admin.secret()).doesNotContain(admin.secret().toLowerCase());
		assertThat(new String(Base64.getDecoder().decode(stored), StandardCharsets.ISO_8859_1))
			.doesNotContain(new String(raw, StandardCharsets.ISO_8859_1));
		List<String> hashes = this.jdbc.sql("SELECT code_hash FROM second_factor_recovery_codes WHERE admin_id = :id")
			.param("id", admin.id())
			.query(String.class)
			.list();
		assertThat(hashes).hasSize(10);
		for (String code : admin.recoveryCodes()) {
			assertThat(hashes).noneMatch((hash) -> hash.contains(code) || hash.contains(code.replace("-", "")));
		}
	}

	@Test
	void aSuperadminResetsALostFactorAndOthersCannot() {
		Enrolled admin = enrolNewAdmin("admin");
		VigilClient root = VigilClient.root(this.port);
		assertThat(root.get("/api/admin/second-factor/admins").json().get("admins").toString()).contains(admin.email());
		VigilClient.withNewAdmin(this.port, "admin")
			.delete("/api/admin/second-factor/admins/" + admin.id())
			.assertProblem(403, "insufficient permissions");

		int loginsBefore = logins(admin.id());
		root.delete("/api/admin/second-factor/admins/" + admin.id()).assertStatus(200);
		root.delete("/api/admin/second-factor/admins/" + admin.id())
			.assertProblem(404, "this admin has no second factor");
		VigilClient.Response login = new VigilClient(this.port).login(admin.email(), VigilClient.ADMIN_PASSWORD)
			.assertStatus(200);
		assertThat(login.json().get("admin").get("email").asString()).isEqualTo(admin.email());
		assertThat(login.setCookie("access_token")).isNotNull();
		assertThat(logins(admin.id())).isEqualTo(loginsBefore + 1);
		assertThat(
				this.jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'second_factor.reset' AND entity_id = :id")
					.param("id", Long.toString(admin.id()))
					.query(Integer.class)
					.single())
			.isEqualTo(1);
	}

	/**
	 * {@code VIGIL_AUTH_SECOND_FACTOR_RESET}: what runs at start when it names an admin
	 * (here on a service made with that setting, beside the running one).
	 */
	@Test
	void theResetSettingRemovesTheNamedAdminsFactorAtStart() {
		Enrolled admin = enrolNewAdmin("superadmin");
		Enrolled other = enrolNewAdmin("viewer");
		new SecondFactorService(this.repository, this.accounts, this.signingKey, this.passwordEncoder, this.roles,
				this.audit, Clock.systemUTC(),
				new SecondFactorProperties("Vigil", 5, " " + admin.email().toUpperCase() + ", nobody@vigil.test"))
			.resetFromConfiguration();
		assertThat(new VigilClient(this.port).login(admin.email(), VigilClient.ADMIN_PASSWORD)
			.assertStatus(200)
			.json()
			.has("admin")).isTrue();
		pendingSignIn(other.email());
		assertThat(
				this.jdbc.sql("SELECT details FROM audit_log WHERE action = 'second_factor.reset' AND entity_id = :id")
					.param("id", Long.toString(admin.id()))
					.query(String.class)
					.single())
			.isEqualTo("by=configuration");
	}

	@Test
	void turningItOffTakesThePasswordAndACode() {
		Enrolled admin = enrolNewAdmin("viewer");
		VigilClient client = pendingSignIn(admin.email());
		client.post(PENDING, Map.of("code", TotpCodes.code(admin.secret(), TotpCodes.now() + 1))).assertStatus(200);
		client.post("/api/admin/second-factor/disable", Map.of("password", "wrong", "code", "123456"))
			.assertStatus(422);
		client.post("/api/admin/second-factor/disable", Map.of("password", VigilClient.ADMIN_PASSWORD))
			.assertStatus(422);
		client
			.post("/api/admin/second-factor/disable",
					Map.of("password", VigilClient.ADMIN_PASSWORD, "code", admin.recoveryCodes().get(0)))
			.assertStatus(200);
		assertThat(new VigilClient(this.port).login(admin.email(), VigilClient.ADMIN_PASSWORD)
			.assertStatus(200)
			.json()
			.has("admin")).isTrue();
	}

	@Test
	void enrolmentCannotReplaceAConfirmedFactorAndSecondStepsNeedAPendingSignIn() {
		Enrolled admin = enrolNewAdmin("viewer");
		VigilClient client = pendingSignIn(admin.email());
		client.post(PENDING + "/enrol", Map.of())
			.assertProblem(409, "a second factor is already set up: turn it off first");
		anonymous().post(PENDING + "/enrol", null)
			.assertProblem(401, "no sign-in is waiting for a second factor: sign in again");
		anonymous().post(PENDING, Map.of("code", "123456"))
			.assertProblem(401, "no sign-in is waiting for a second factor: sign in again");
		anonymous().post(PENDING + "/enrol/confirm", Map.of("code", "123456"))
			.assertProblem(401, "no sign-in is waiting for a second factor: sign in again");
		client.post(PENDING, Map.of()).assertStatus(422);
	}

	@Test
	void aWrongFirstCodeDoesNotConfirmAnEnrolment() {
		VigilClient client = VigilClient.withNewAdmin(this.port, "viewer");
		String secret = client.post("/api/admin/second-factor/enrol", Map.of()).json().get("secret").asString();
		String right = TotpCodes.code(secret, TotpCodes.now());
		client
			.post("/api/admin/second-factor/enrol/confirm",
					Map.of("code", right.equals("123456") ? "654321" : "123456"))
			.assertProblem(401, "wrong code");
		assertThat(client.get("/api/admin/second-factor").json().get("enrolled").asBoolean()).isFalse();
		// Starting again gives a new secret; the first one is gone.
		String second = client.post("/api/admin/second-factor/enrol", Map.of()).json().get("secret").asString();
		assertThat(second).isNotEqualTo(secret);
		client.post("/api/admin/second-factor/enrol/confirm", Map.of("code", TotpCodes.code(second, TotpCodes.now())))
			.assertStatus(200);
	}

	/** A client with no session, carrying a CSRF token of its own making. */
	private VigilClient anonymous() {
		VigilClient client = new VigilClient(this.port);
		client.setCookie("XSRF-TOKEN", "t-" + UUID.randomUUID(), "/");
		return client;
	}

	private int logins(long adminId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE admin_id = :id AND action = 'auth.login'")
			.param("id", adminId)
			.query(Integer.class)
			.single();
	}

	private String auditDetails(long adminId, String action) {
		return this.jdbc
			.sql("SELECT string_agg(details, ' | ') FROM audit_log WHERE admin_id = :id AND action = :action")
			.param("id", adminId)
			.param("action", action)
			.query(String.class)
			.single();
	}

}
