package dev.vigil.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.vigil.support.SseClient;
import dev.vigil.support.TestOidcProvider;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Single sign-on against a real OpenID Connect provider (Spring Authorization Server on
 * its own port), driven like a browser: Vigil's start redirect, the provider's login
 * form, the callback with its code. And forward-auth headers, trusted only from the
 * configured proxy address.
 */
@VigilIntegrationTest
@TestPropertySource(properties = { "vigil.sso.client-id=" + TestOidcProvider.CLIENT_ID,
		"vigil.sso.client-secret=" + TestOidcProvider.CLIENT_SECRET, "vigil.sso.name=Test IdP",
		"vigil.sso.role-mapping=vigil-admins=superadmin,vigil-ops=admin,vigil-viewers=viewer",
		"vigil.sso.allowed-domains=sso.test", "vigil.auth.forward.enabled=true",
		"vigil.auth.forward.trusted-proxies=127.0.0.1/32,::1" })
class SsoIntegrationTests {

	private static final TestOidcProvider PROVIDER = TestOidcProvider.start("http://localhost/not-yet");

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		registry.add("vigil.sso.issuer", PROVIDER::issuer);
	}

	@BeforeEach
	void callback() {
		PROVIDER.redirectUri("http://localhost:" + this.port + "/api/admin/auth/sso/callback");
		PROVIDER.mode(TestOidcProvider.Mode.NORMAL);
	}

	@AfterAll
	static void stop() {
		PROVIDER.mode(TestOidcProvider.Mode.NORMAL);
	}

	@Test
	void methodsNameTheProvider() {
		VigilClient anonymous = new VigilClient(this.port);
		var methods = anonymous.get("/api/admin/auth/methods").assertStatus(200).json();
		assertThat(methods.get("password").asBoolean()).isTrue();
		assertThat(methods.get("sso").get("name").asString()).isEqualTo("Test IdP");
		assertThat(methods.get("sso").get("url").asString()).isEqualTo("/api/admin/auth/sso/start");
	}

	@Test
	void firstSignInCreatesTheAdminWithTheMappedRoleAndLaterOnesUpdateIt() {
		String user = user();
		PROVIDER.groups(user, List.of("vigil-ops", "unrelated"));
		VigilClient browser = new VigilClient(this.port);
		assertThat(signIn(browser, user)).isEqualTo("/admin/");
		var admin = browser.get("/api/admin/auth").assertStatus(200).json().get("admin");
		assertThat(admin.get("email").asString()).isEqualTo(user + "@sso.test");
		assertThat(admin.get("role").asString()).isEqualTo("admin");
		long id = admin.get("id").asLong();
		VigilClient root = VigilClient.root(this.port);
		assertThat(root.get("/api/admin/audit?action=auth.login&admin_id=" + id).assertStatus(200).body())
			.contains("method=sso");
		assertThat(root.get("/api/admin/audit?action=admin.create&admin_id=" + id).assertStatus(200).body())
			.contains("(admin) by sso");
		// A password the admin never had does not sign in.
		new VigilClient(this.port).login(user + "@sso.test", TestOidcProvider.PASSWORD).assertStatus(401);

		// Several mapped groups: the most privileged role.
		PROVIDER.groups(user, List.of("vigil-viewers", "vigil-admins"));
		VigilClient again = new VigilClient(this.port);
		assertThat(signIn(again, user)).isEqualTo("/admin/");
		var same = again.get("/api/admin/auth").assertStatus(200).json().get("admin");
		assertThat(same.get("id").asLong()).isEqualTo(id);
		assertThat(same.get("role").asString()).isEqualTo("superadmin");
	}

	@Test
	void anExistingAdminIsLinkedOnlyWhenTheProviderVouchesForTheEmail() {
		String user = user();
		PROVIDER.groups(user, List.of("vigil-ops"));
		VigilClient root = VigilClient.root(this.port);
		long id = root
			.post("/api/admin/admins",
					Map.of("email", user + "@sso.test", "password", VigilClient.ADMIN_PASSWORD, "role", "viewer"))
			.assertStatus(201)
			.json()
			.get("admin")
			.get("id")
			.asLong();
		PROVIDER.emailVerified(user, false);
		VigilClient browser = new VigilClient(this.port);
		assertThat(signIn(browser, user)).isEqualTo("/admin/login?error=sso_unverified");
		assertThat(browser.cookie("refresh_token")).isNull();
		PROVIDER.emailVerified(user, true);
		VigilClient verified = new VigilClient(this.port);
		assertThat(signIn(verified, user)).isEqualTo("/admin/");
		var admin = verified.get("/api/admin/auth").assertStatus(200).json().get("admin");
		assertThat(admin.get("id").asLong()).isEqualTo(id);
		assertThat(admin.get("role").asString()).isEqualTo("admin");
	}

	@Test
	void aMappingNeverDemotesTheLastActiveSuperadmin() {
		String user = user();
		PROVIDER.groups(user, List.of("vigil-admins"));
		VigilClient browser = new VigilClient(this.port);
		assertThat(signIn(browser, user)).isEqualTo("/admin/");
		long id = browser.get("/api/admin/auth").assertStatus(200).json().get("admin").get("id").asLong();
		// Every other active superadmin (root included) deactivated or demoted by the
		// database: this admin is the last one.
		this.jdbc.sql("UPDATE admins SET role = 'admin' WHERE role = 'superadmin' AND id <> :id")
			.param("id", id)
			.update();
		try {
			PROVIDER.groups(user, List.of("vigil-ops"));
			assertThat(browser.get("/api/admin/auth").assertStatus(200).json().get("admin").get("role").asString())
				.isEqualTo("superadmin");
			assertThat(this.jdbc.sql("SELECT role FROM admins WHERE id = :id")
				.param("id", id)
				.query(String.class)
				.single()).isEqualTo("superadmin");
		}
		finally {
			this.jdbc.sql("UPDATE admins SET role = 'superadmin' WHERE email = :root")
				.param("root", VigilClient.ROOT_EMAIL)
				.update();
		}
	}

	@Test
	void aUserInNoMappedGroupIsRefused() {
		String user = user();
		PROVIDER.groups(user, List.of("unrelated"));
		VigilClient browser = new VigilClient(this.port);
		assertThat(signIn(browser, user)).isEqualTo("/admin/login?error=sso_no_role");
		assertThat(browser.cookie("refresh_token")).isNull();
		browser.get("/api/admin/auth").assertStatus(401);
	}

	@Test
	void groupChangesApplyAtTheNextRefreshAndRemovalEndsTheSessionAndItsStreams() {
		String user = user();
		PROVIDER.groups(user, List.of("vigil-ops"));
		VigilClient browser = new VigilClient(this.port);
		assertThat(signIn(browser, user)).isEqualTo("/admin/");
		browser.get("/api/admin/auth").assertStatus(200);

		String sessionId = browser.currentSessionId();
		assertThat(providerRefreshToken(sessionId)).as("the provider's refresh token, kept encrypted").isNotNull();

		PROVIDER.groups(user, List.of("vigil-viewers"));
		var admin = browser.get("/api/admin/auth").assertStatus(200).json().get("admin");
		assertThat(admin.get("role").asString()).isEqualTo("viewer");
		assertThat(admin.get("scopes")).hasSize(1);

		try (SseClient stream = SseClient.open(browser, "/api/admin/notifications/sse")) {
			assertThat(stream.status()).isEqualTo(200);
			PROVIDER.groups(user, List.of());
			browser.get("/api/admin/auth").assertStatus(401);
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				SseClient.Event event = stream.next(Duration.ofMillis(200));
				return event != null && event.name().equals(SseClient.END);
			});
		}
		browser.get("/api/admin/auth").assertStatus(401);
		assertThat(providerRefreshToken(sessionId)).as("forgotten with the session").isNull();
	}

	private String providerRefreshToken(String sessionId) {
		return this.jdbc.sql("SELECT refresh_token FROM sso_session_tokens WHERE session_id = :id")
			.param("id", sessionId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	@Test
	void aProviderThatRefusesTheRefreshEndsTheSession() {
		String user = user();
		PROVIDER.groups(user, List.of("vigil-ops"));
		VigilClient browser = new VigilClient(this.port);
		assertThat(signIn(browser, user)).isEqualTo("/admin/");
		browser.get("/api/admin/auth").assertStatus(200);
		PROVIDER.mode(TestOidcProvider.Mode.REFUSE_REFRESH);
		browser.get("/api/admin/auth").assertProblem(401, "the identity provider ended this sign-in");
	}

	@ParameterizedTest
	@EnumSource(value = TestOidcProvider.Mode.class, names = { "WRONG_ISSUER", "WRONG_AUDIENCE", "TAMPERED" })
	void anIdTokenThatDoesNotCheckOutIsRefused(TestOidcProvider.Mode mode) {
		String user = user();
		PROVIDER.groups(user, List.of("vigil-ops"));
		PROVIDER.mode(mode);
		VigilClient browser = new VigilClient(this.port);
		assertThat(signIn(browser, user)).isEqualTo("/admin/login?error=sso_failed");
		assertThat(browser.cookie("refresh_token")).isNull();
		assertThat(browser.cookie("access_token")).isNull();
		PROVIDER.mode(TestOidcProvider.Mode.NORMAL);
		// The user was never created; Spring's verdict is in the audit log.
		VigilClient root = VigilClient.root(this.port);
		assertThat(root.get("/api/admin/admins?search=" + user).assertStatus(200).body()).doesNotContain(user);
		assertThat(root.get("/api/admin/audit?action=auth.login_failed").assertStatus(200).body())
			.contains("method=sso reason=invalid_id_token");
	}

	@Test
	void aCallbackWithoutTheStartIsRefused() {
		VigilClient browser = new VigilClient(this.port);
		var answer = browser.get("/api/admin/auth/sso/callback?code=forged&state=forged").assertStatus(302);
		assertThat(answer.header("Location")).isEqualTo("/admin/login?error=sso_expired");
		assertThat(browser.cookie("refresh_token")).isNull();
	}

	@Test
	void forwardAuthHeadersFromTheTrustedProxySignIn() {
		String user = user();
		VigilClient browser = new VigilClient(this.port);
		Map<String, String> headers = forwardHeaders(user, "vigil-ops");
		var admin = browser.send("GET", "/api/admin/auth", null, headers).assertStatus(200).json().get("admin");
		assertThat(admin.get("email").asString()).isEqualTo(user + "@sso.test");
		assertThat(admin.get("role").asString()).isEqualTo("admin");
		assertThat(browser.cookie("refresh_token")).isNotNull();
		// The refresh must still carry the same user in a mapped group.
		browser.send("GET", "/api/admin/auth", null, headers).assertStatus(200);
		browser.send("GET", "/api/admin/auth", null, forwardHeaders(user, "unrelated")).assertStatus(401);
	}

	@Test
	void forwardAuthHeadersFromAnotherAddressAreIgnored() throws IOException {
		String user = user();
		StringBuilder request = new StringBuilder("GET /api/admin/auth HTTP/1.1\r\nHost: localhost\r\n");
		forwardHeaders(user, "vigil-admins").forEach((name, value) -> request.append(name + ": " + value + "\r\n"));
		request.append("Connection: close\r\n\r\n");
		try (Socket socket = new Socket()) {
			// Another loopback address: not the trusted proxy.
			socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
			socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), this.port), 5_000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
				.readLine();
			assertThat(status).startsWith("HTTP/1.1 401");
		}
		VigilClient root = VigilClient.root(this.port);
		assertThat(root.get("/api/admin/admins?search=" + user).assertStatus(200).body()).doesNotContain(user);
	}

	private static Map<String, String> forwardHeaders(String user, String groups) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Remote-User", user);
		headers.put("Remote-Email", user + "@sso.test");
		headers.put("Remote-Name", "Proxied " + user);
		headers.put("Remote-Groups", groups);
		return headers;
	}

	private static String user() {
		return "u" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * Goes through the whole authorization code flow as a browser would; returns where
	 * Vigil sends the browser at its end.
	 */
	private String signIn(VigilClient vigil, String user) {
		var start = vigil.get("/api/admin/auth/sso/start").assertStatus(302);
		String authorize = start.header("Location");
		assertThat(authorize).startsWith(PROVIDER.issuer() + "/oauth2/authorize?")
			.contains("code_challenge=", "code_challenge_method=S256", "state=", "nonce=");
		ProviderBrowser provider = new ProviderBrowser();
		HttpResponse<String> answer = provider.get(authorize);
		assertThat(answer.statusCode()).isEqualTo(302);
		answer = provider.get(PROVIDER.issuer() + "/login");
		Matcher csrf = CSRF.matcher(answer.body());
		assertThat(csrf.find()).as("login form with a CSRF token").isTrue();
		answer = provider.post(PROVIDER.issuer() + "/login",
				Map.of("username", user, "password", TestOidcProvider.PASSWORD, "_csrf", csrf.group(1)));
		assertThat(answer.statusCode()).isEqualTo(302);
		answer = provider.get(answer.headers().firstValue("Location").orElseThrow());
		assertThat(answer.statusCode()).isEqualTo(302);
		String callback = answer.headers().firstValue("Location").orElseThrow();
		assertThat(callback).startsWith(vigil.baseUrl() + "/api/admin/auth/sso/callback?");
		var done = vigil.get(callback.substring(vigil.baseUrl().length())).assertStatus(302);
		return done.header("Location");
	}

	/** A browser's view of the provider: its own cookies, no automatic redirects. */
	private static final class ProviderBrowser {

		private final Map<String, String> cookies = new LinkedHashMap<>();

		private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

		HttpResponse<String> get(String url) {
			return send(HttpRequest.newBuilder(URI.create(url)).GET());
		}

		HttpResponse<String> post(String url, Map<String, String> form) {
			StringBuilder body = new StringBuilder();
			form.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
				.append(name)
				.append('=')
				.append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
			return send(HttpRequest.newBuilder(URI.create(url))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body.toString())));
		}

		private HttpResponse<String> send(HttpRequest.Builder request) {
			if (!this.cookies.isEmpty()) {
				request.header("Cookie", String.join("; ",
						this.cookies.entrySet().stream().map((c) -> c.getKey() + "=" + c.getValue()).toList()));
			}
			try {
				HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(30)).build(),
						HttpResponse.BodyHandlers.ofString());
				for (String setCookie : response.headers().allValues("Set-Cookie")) {
					String[] pair = setCookie.split(";")[0].split("=", 2);
					this.cookies.put(pair[0], pair[1]);
				}
				return response;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

}
