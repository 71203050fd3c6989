package dev.vigil.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * A real OpenID Connect provider for the single sign-on tests: Spring Authorization
 * Server on its own port, with a form login, one registered client ({@code vigil} /
 * {@code vigil-secret}) and users whose {@code groups} claim the test changes between
 * sign-ins and refreshes ({@link #groups}). Every user's password is {@code password}. It
 * can also misbehave on purpose ({@link #mode}): sign id_tokens for another issuer or
 * audience, or tamper with a signed id_token on its way out.
 * <p>
 * Run as a process for the browser tests: {@code java -cp ... TestOidcProvider <port>
 * <redirect-uri> [user=group,group ...]}; it prints {@code READY <issuer>}.
 */
public final class TestOidcProvider implements AutoCloseable {

	public static final String CLIENT_ID = "vigil";

	public static final String CLIENT_SECRET = "vigil-secret";

	public static final String PASSWORD = "password";

	/** How the provider behaves. */
	public enum Mode {

		NORMAL, WRONG_ISSUER, WRONG_AUDIENCE, TAMPERED,

		/**
		 * Refresh-token grants answer {@code invalid_grant} (a user disabled at the
		 * provider).
		 */
		REFUSE_REFRESH

	}

	/** Users whose id_token says {@code email_verified: false}. */
	private final Set<String> unverified = ConcurrentHashMap.newKeySet();

	/** Username → groups, read at every token (sign-in and refresh). */
	private final Map<String, List<String>> groups = new ConcurrentHashMap<>();

	private volatile Mode mode = Mode.NORMAL;

	/** Where the client's authorization responses may go (Vigil's port is known late). */
	private volatile String redirectUri;

	private final String clientUuid = UUID.randomUUID().toString();

	private final ConfigurableApplicationContext context;

	private final String issuer;

	private TestOidcProvider(int port, String redirectUri) {
		this.redirectUri = redirectUri;
		Path dataDir;
		try {
			dataDir = Files.createTempDirectory("oidc-provider");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.context = new SpringApplicationBuilder(ProviderConfiguration.class).web(WebApplicationType.SERVLET)
			.initializers((ctx) -> ctx.getBeanFactory().registerSingleton("testOidcProvider", this))
			.properties("spring.config.name=test-oidc-provider", "server.port=" + port, "server.address=127.0.0.1",
					// Not JSESSIONID: a browser keeps cookies per host, not per port.
					"server.servlet.session.cookie.name=PROVIDER_SESSION", "vigil.storage.data-dir=" + dataDir,
					"spring.main.banner-mode=off", "logging.level.root=warn")
			.run();
		int actual = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		this.issuer = "http://127.0.0.1:" + actual;
	}

	/** A provider on a free port for a Vigil whose callback is {@code redirectUri}. */
	public static TestOidcProvider start(String redirectUri) {
		return new TestOidcProvider(0, redirectUri);
	}

	public static void main(String[] args) {
		TestOidcProvider provider = new TestOidcProvider(Integer.parseInt(args[0]), args[1]);
		for (int i = 2; i < args.length; i++) {
			String[] user = args[i].split("=", 2);
			provider.groups(user[0], (user.length > 1) ? List.of(user[1].split(",")) : List.of());
		}
		System.out.println("READY " + provider.issuer());
	}

	public String issuer() {
		return this.issuer;
	}

	/** Sets a user's groups (adding the user); their password is {@link #PASSWORD}. */
	/** Whether the provider vouches for this user's email from now on. */
	public void emailVerified(String username, boolean verified) {
		if (verified) {
			this.unverified.remove(username);
		}
		else {
			this.unverified.add(username);
		}
	}

	public void groups(String username, List<String> groups) {
		this.groups.put(username, List.copyOf(groups));
	}

	public void redirectUri(String redirectUri) {
		this.redirectUri = redirectUri;
	}

	public void mode(Mode mode) {
		this.mode = mode;
	}

	private RegisteredClient client() {
		return RegisteredClient.withId(this.clientUuid)
			.clientId(CLIENT_ID)
			.clientSecret("{noop}" + CLIENT_SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUri(this.redirectUri)
			.scope(OidcScopes.OPENID)
			.scope(OidcScopes.PROFILE)
			.scope(OidcScopes.EMAIL)
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
			.tokenSettings(TokenSettings.builder()
				.accessTokenTimeToLive(Duration.ofMinutes(5))
				.refreshTokenTimeToLive(Duration.ofHours(1))
				.reuseRefreshTokens(false)
				.build())
			.build();
	}

	@Override
	public void close() {
		this.context.close();
	}

	// Not @Configuration: Vigil's own test contexts scan this package.
	@EnableWebSecurity
	@Import({ TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
			SecurityFilterAutoConfiguration.class })
	static class ProviderConfiguration {

		@Bean
		@Order(1)
		SecurityFilterChain authorizationServer(HttpSecurity http, TestOidcProvider provider) throws Exception {
			http.oauth2AuthorizationServer((server) -> {
				http.securityMatcher(server.getEndpointsMatcher());
				server.oidc(Customizer.withDefaults());
			})
				.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
						new LoginUrlAuthenticationEntryPoint("/login"),
						new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
				.addFilterBefore(new Tamperer(provider), org.springframework.security.web.csrf.CsrfFilter.class);
			return http.build();
		}

		@Bean
		@Order(2)
		SecurityFilterChain login(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.formLogin(Customizer.withDefaults());
			return http.build();
		}

		@Bean
		UserDetailsService users(TestOidcProvider provider) {
			// Any user the test gave groups to (or none yet) signs in with the one
			// password.
			return (username) -> User.withUsername(username).password("{noop}" + PASSWORD).roles("USER").build();
		}

		@Bean
		RegisteredClientRepository clients(TestOidcProvider provider) {
			return new RegisteredClientRepository() {

				@Override
				public void save(RegisteredClient registeredClient) {
					// Spring re-saves a client to upgrade its secret's hash: the one here
					// is built anew each time.
				}

				@Override
				public RegisteredClient findById(String id) {
					return provider.clientUuid.equals(id) ? provider.client() : null;
				}

				@Override
				public RegisteredClient findByClientId(String clientId) {
					return CLIENT_ID.equals(clientId) ? provider.client() : null;
				}

			};
		}

		@Bean
		JWKSource<SecurityContext> jwkSource() throws NoSuchAlgorithmException {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
				.privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(UUID.randomUUID().toString())
				.build();
			return new ImmutableJWKSet<>(new JWKSet(key));
		}

		/** For the userinfo endpoint, which takes the provider's own access tokens. */
		@Bean
		JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
			return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
		}

		@Bean
		AuthorizationServerSettings authorizationServerSettings() {
			// No fixed issuer: Spring takes it from the request
			// (http://127.0.0.1:<port>).
			return AuthorizationServerSettings.builder().build();
		}

		@Bean
		OAuth2TokenCustomizer<JwtEncodingContext> idTokenClaims(TestOidcProvider provider) {
			return (context) -> {
				if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
					return;
				}
				String username = context.getPrincipal().getName();
				context.getClaims()
					.claim("email", username + "@sso.test")
					.claim("email_verified", !provider.unverified.contains(username))
					.claim("name", "SSO " + username)
					.claim("groups", provider.groups.getOrDefault(username, List.of()));
				if (provider.mode == Mode.WRONG_ISSUER) {
					context.getClaims().issuer("http://127.0.0.1:1");
				}
				if (provider.mode == Mode.WRONG_AUDIENCE) {
					context.getClaims().audience(List.of("another-client"));
				}
			};
		}

	}

	/**
	 * In {@link Mode#TAMPERED}, rewrites the signed id_token of each token response: its
	 * groups become {@code vigil-admins}, its signature stays the original one. In
	 * {@link Mode#REFUSE_REFRESH}, refuses refresh-token grants.
	 */
	private static final class Tamperer extends OncePerRequestFilter {

		private static final JsonMapper JSON = JsonMapper.builder().build();

		private final TestOidcProvider provider;

		Tamperer(TestOidcProvider provider) {
			this.provider = provider;
		}

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			return this.provider.mode != Mode.TAMPERED && this.provider.mode != Mode.REFUSE_REFRESH
					|| !request.getRequestURI().equals("/oauth2/token");
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (this.provider.mode == Mode.REFUSE_REFRESH) {
				if ("refresh_token".equals(request.getParameter("grant_type"))) {
					response.setStatus(400);
					response.setContentType("application/json");
					response.getWriter().write("{\"error\":\"invalid_grant\"}");
					return;
				}
				chain.doFilter(request, response);
				return;
			}
			ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
			chain.doFilter(request, wrapper);
			byte[] body = wrapper.getContentAsByteArray();
			wrapper.resetBuffer();
			ObjectNode answer = (ObjectNode) JSON.readTree(body);
			if (answer.has("id_token")) {
				String[] parts = answer.get("id_token").asString().split("\\.");
				ObjectNode claims = (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
				claims.putArray("groups").add("vigil-admins");
				parts[1] = Base64.getUrlEncoder()
					.withoutPadding()
					.encodeToString(JSON.writeValueAsString(claims).getBytes(StandardCharsets.UTF_8));
				answer.put("id_token", String.join(".", parts));
			}
			byte[] tampered = JSON.writeValueAsBytes(answer);
			response.setContentLength(tampered.length);
			wrapper.getResponse().getOutputStream().write(tampered);
		}

	}

}
