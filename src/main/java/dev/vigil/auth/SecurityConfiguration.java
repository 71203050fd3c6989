package dev.vigil.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;

import javax.crypto.SecretKey;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.NullSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import dev.vigil.storage.DataDirectory;
import dev.vigil.web.ClientAddress;
import dev.vigil.web.Problems;
import dev.vigil.web.WebProperties;

import static dev.vigil.auth.Scopes.authority;

/**
 * Two security chains, one way in each: the admin API and UI (stateless, cookie JWT, CSRF
 * with Spring Security's SPA support — {@code XSRF-TOKEN} cookie, {@code X-XSRF-TOKEN}
 * header) and the machine API {@code /api/v1} (API keys as bearer tokens); scopes per
 * area, ProblemDetail 401/403.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	SecretKey signingKey(AuthProperties properties, DataDirectory dataDirectory) {
		return SigningKey.load(properties.signingKey(), dataDirectory);
	}

	@Bean
	AccessTokens accessTokens(SecretKey signingKey, AuthProperties properties, Clock clock) {
		return new AccessTokens(signingKey, properties.accessTokenTtl(), clock);
	}

	@Bean
	RefreshTokens refreshTokens(SecretKey signingKey) {
		return new RefreshTokens(signingKey);
	}

	/**
	 * The machine API: API keys as bearer tokens only (no cookies, so no CSRF to guard
	 * against), a scope per area, ProblemDetail 401/403. Ordered before the admin chain,
	 * which serves everything else.
	 */
	@Bean
	@Order(1)
	SecurityFilterChain machineApiChain(HttpSecurity http, ApiKeys keys, ClientAddress clientAddress, WebProperties web)
			throws Exception {
		stateless(http.securityMatcher("/api/v1/**"), web).csrf(AbstractHttpConfigurer::disable)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint((request, response, ex) -> {
				response.setHeader("WWW-Authenticate", "Bearer realm=\"vigil\"");
				unauthorized(request, response, ex);
			})
				.accessDeniedHandler((request, response, ex) -> Problems.write(request, response, HttpStatus.FORBIDDEN,
						"this API key lacks the scope this request needs")))
			.addFilterBefore(new ApiKeyFilter(keys, clientAddress), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> {
				requests.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll();
				requests.requestMatchers(HttpMethod.POST, "/api/v1/notifications")
					.hasAuthority(authority(Scopes.KEY_NOTIFICATIONS_SEND));
				requests.requestMatchers("/api/v1/notifications/stream", "/api/v1/notifications/sse")
					.hasAuthority(authority(Scopes.KEY_NOTIFICATIONS_READ));
				requests.requestMatchers("/api/v1/logs", "/api/v1/logs/**")
					.hasAuthority(authority(Scopes.KEY_LOGS_READ));
				requests.requestMatchers("/api/v1/dashboard", "/api/v1/dashboard/**")
					.hasAuthority(authority(Scopes.KEY_DASHBOARD_READ));
				requests.anyRequest().authenticated();
			});
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain securityFilterChain(HttpSecurity http, AccessTokens tokens, SessionService sessions,
			Roles roles, AuthProperties auth, WebProperties web,
			@Value("${vigil.metrics.public:true}") boolean metricsPublic,
			@Value("${vigil.metrics.token:}") String metricsToken) throws Exception {
		// The SPA reads this cookie, so it cannot be HttpOnly; otherwise it carries the
		// auth cookies' attributes:
		// Secure unless disabled (behind a TLS-terminating proxy the request itself does
		// not look secure) and
		// never sent along with a cross-site request.
		CookieCsrfTokenRepository csrfCookie = CookieCsrfTokenRepository.withHttpOnlyFalse();
		csrfCookie.setCookieCustomizer((cookie) -> cookie.secure(auth.secureCookies()).sameSite("Strict"));
		stateless(http, web).csrf((csrf) -> csrf.spa()
			.csrfTokenRepository(csrfCookie)
			// Login needs no CSRF token: it requires a JSON body (a cross-site form
			// cannot send one without
			// a CORS preflight) and it authenticates nobody who does not know the
			// password.
			.ignoringRequestMatchers("/api/admin/auth/login"))
			.headers(
					(headers) -> headers.frameOptions((frame) -> frame.deny())
						.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
						.addHeaderWriter(new StaticHeadersWriter("Permissions-Policy",
								"camera=(), microphone=(), geolocation=()")))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(SecurityConfiguration::unauthorized)
				.accessDeniedHandler(forbidden()))
			.addFilterBefore(new AccessTokenFilter(tokens, sessions, roles), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> {
				requests.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll();
				requests.requestMatchers("/api/admin/auth", "/api/admin/auth/**").permitAll();
				// The admin SPA is public: it shows its own login page and every API call
				// it makes is checked.
				requests.requestMatchers("/", "/admin", "/admin/**").permitAll();
				requests.requestMatchers("/api/admin/admins/**", "/api/admin/admins")
					.hasAuthority(authority(Scopes.ADMINS));
				requests
					.requestMatchers("/api/admin/second-factor/policy", "/api/admin/second-factor/admins",
							"/api/admin/second-factor/admins/**")
					.hasAuthority(authority(Scopes.ADMINS));
				requests.requestMatchers("/api/admin/sessions/**", "/api/admin/sessions")
					.hasAuthority(authority(Scopes.SESSIONS));
				requests.requestMatchers("/api/admin/audit/**", "/api/admin/audit")
					.hasAuthority(authority(Scopes.AUDIT));
				requests.requestMatchers("/api/admin/queue/**", "/api/admin/cron/**", "/api/admin/cron")
					.hasAuthority(authority(Scopes.JOBS));
				requests.requestMatchers("/api/admin/backups/**", "/api/admin/backups")
					.hasAuthority(authority(Scopes.BACKUPS));
				requests.requestMatchers("/api/admin/api-keys/**", "/api/admin/api-keys")
					.hasAuthority(authority(Scopes.API_KEYS));
				requests.requestMatchers("/api/admin/webhooks/**", "/api/admin/webhooks")
					.hasAuthority(authority(Scopes.WEBHOOKS));
				requests.requestMatchers("/api/admin/database/**", "/api/admin/database")
					.hasAuthority(authority(Scopes.DATABASE));
				requests.requestMatchers("/api/admin/logs/**", "/api/admin/logs").hasAuthority(authority(Scopes.LOGS));
				requests.requestMatchers("/api/admin/alerts/**", "/api/admin/alerts")
					.hasAuthority(authority(Scopes.ALERTS));
				requests.requestMatchers("/api/admin/log-levels/**", "/api/admin/log-levels")
					.hasAuthority(authority(Scopes.LOG_LEVELS));
				// The list also fills the role select of the admin form (admin:admins).
				requests.requestMatchers(HttpMethod.GET, "/api/admin/roles")
					.hasAnyAuthority(authority(Scopes.ROLES), authority(Scopes.ADMINS));
				requests.requestMatchers("/api/admin/roles/**", "/api/admin/roles")
					.hasAuthority(authority(Scopes.ROLES));
				requests.requestMatchers("/api/admin/notifications/send").hasAuthority(authority(Scopes.NOTIFICATIONS));
				// Like the dashboard: every signed-in admin (the log viewer's picker
				// reads it too).
				requests.requestMatchers(HttpMethod.GET, "/api/admin/instances").authenticated();
				requests.requestMatchers("/api/admin/**").authenticated();
				if (!metricsPublic) {
					// Scrapers do not log in: a private endpoint takes a bearer token
					// (none configured = no access).
					requests.requestMatchers("/actuator/prometheus")
						.access((authentication, context) -> new AuthorizationDecision(
								bearerMatches(context.getRequest(), metricsToken)));
				}
				requests.anyRequest().permitAll();
			});
		return http.build();
	}

	/**
	 * What both chains share. Stateless: no HttpSession, and no session-management
	 * filter, which would treat every cookie-authenticated request as a fresh login and
	 * rotate the CSRF token each time (breaking concurrent requests).
	 */
	private static HttpSecurity stateless(HttpSecurity http, WebProperties web) throws Exception {
		return http.sessionManagement(AbstractHttpConfigurer::disable)
			.securityContext((context) -> context.securityContextRepository(new NullSecurityContextRepository()))
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.cors(web.allowedOrigins().isEmpty() ? AbstractHttpConfigurer::disable : Customizer.withDefaults());
	}

	@Bean
	UrlBasedCorsConfigurationSource corsConfigurationSource(WebProperties web) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(web.allowedOrigins());
		cors.addAllowedMethod("*");
		cors.addAllowedHeader("*");
		cors.setAllowCredentials(true);
		cors.setMaxAge(86400L);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/api/**", cors);
		return source;
	}

	private static boolean bearerMatches(HttpServletRequest request, String token) {
		String header = request.getHeader("Authorization");
		return !token.isBlank() && header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
				("Bearer " + token).getBytes(StandardCharsets.UTF_8));
	}

	private static void unauthorized(HttpServletRequest request, HttpServletResponse response,
			@Nullable AuthenticationException ex) throws IOException {
		Object reason = request.getAttribute(AccessTokenFilter.FAILURE_ATTRIBUTE);
		Problems.write(request, response, HttpStatus.UNAUTHORIZED,
				(reason != null) ? reason.toString() : "authentication required");
	}

	private static AccessDeniedHandler forbidden() {
		return (request, response, ex) -> {
			if (ex instanceof CsrfException) {
				Problems.write(request, response, HttpStatus.FORBIDDEN, "missing or invalid CSRF token");
			}
			else if (request.getAttribute(AccessTokenFilter.FAILURE_ATTRIBUTE) != null) {
				unauthorized(request, response, null);
			}
			else {
				Problems.write(request, response, HttpStatus.FORBIDDEN, "insufficient permissions");
			}
		};
	}

}
