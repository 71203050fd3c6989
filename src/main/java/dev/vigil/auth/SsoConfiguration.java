package dev.vigil.auth;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2LoginAuthenticationFilter;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.NullSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.vigil.audit.AuditLog;
import dev.vigil.web.ClientAddress;

/**
 * Single sign-on on Spring Security's OAuth2 client: authorization code with PKCE (for
 * confidential clients too), state and nonce; Spring checks the id_token's signature,
 * issuer, audience, nonce and expiry. Its own chain, for {@code /api/admin/auth/sso/**}
 * only: the authorization request waits in a short HTTP session between the start and the
 * callback, which then ends; the rest of Vigil stays stateless and authenticates by its
 * own cookies. On only when {@code vigil.sso.issuer} is set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${vigil.sso.issuer:}'.isBlank()")
class SsoConfiguration {

	static final String START = "/api/admin/auth/sso/start";

	static final String CALLBACK = "/api/admin/auth/sso/callback";

	@Bean
	SsoClientRegistrations ssoClientRegistrations(SsoProperties properties,
			@Value("${vigil.email.public-url:}") String publicUrl) {
		return new SsoClientRegistrations(properties, publicUrl);
	}

	@Bean
	SsoRefreshCheck ssoRefreshCheck(SsoClientRegistrations registrations, SsoRepository repository,
			SsoTokenCipher cipher, ExternalSignIn signIn, SsoProperties properties) {
		return new SsoRefreshCheck(registrations, repository, cipher, signIn, properties);
	}

	@Bean
	SsoLogin ssoLogin(ExternalSignIn signIn, SessionService sessions, AuthCookies cookies, SsoRepository repository,
			SsoTokenCipher cipher, ClientAddress clientAddress, AuditLog audit, SsoProperties properties) {
		return new SsoLogin(signIn, sessions, cookies, repository, cipher, clientAddress, audit, properties);
	}

	@Bean
	@Order(0)
	SecurityFilterChain ssoChain(HttpSecurity http, SsoClientRegistrations registrations, SsoLogin login,
			@Value("${vigil.email.public-url:}") String publicUrl) throws Exception {
		DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
				registrations, START);
		resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
		http.securityMatcher("/api/admin/auth/sso/**")
			.securityContext((context) -> context.securityContextRepository(new NullSecurityContextRepository()))
			// The callback is protected by the state parameter (bound to the session that
			// started it), the start only sends the browser away.
			.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.addFilterBefore(new StartGuard(registrations), OAuth2AuthorizationRequestRedirectFilter.class)
			.addFilterBefore(new PublicCallback(publicUrl), OAuth2LoginAuthenticationFilter.class)
			.oauth2Login((oauth2) -> oauth2.loginPage("/admin/login")
				.authorizationEndpoint((endpoint) -> endpoint.authorizationRequestResolver(new StartOnly(resolver)))
				.redirectionEndpoint((endpoint) -> endpoint.baseUri(CALLBACK))
				.authorizedClientRepository(new RequestAuthorizedClients())
				.successHandler(login)
				.failureHandler(login));
		return http.build();
	}

	/** {@code GET /api/admin/auth/sso/start}: the one registration, no id in the path. */
	private record StartOnly(
			DefaultOAuth2AuthorizationRequestResolver delegate) implements OAuth2AuthorizationRequestResolver {

		@Override
		public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
			return START.equals(request.getRequestURI()) ? resolve(request, SsoClientRegistrations.ID) : null;
		}

		@Override
		public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
			return this.delegate.resolve(request, registrationId);
		}

	}

	/**
	 * Sends the browser back to the login page with {@code sso_unavailable} when the
	 * provider's discovery cannot be read (Spring would answer 500).
	 */
	private static final class StartGuard extends OncePerRequestFilter {

		private final SsoClientRegistrations registrations;

		StartGuard(SsoClientRegistrations registrations) {
			this.registrations = registrations;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (START.equals(request.getRequestURI())) {
				try {
					this.registrations.get();
				}
				catch (RuntimeException ex) {
					SsoLogin.redirect(response, SsoLogin.failureUrl("sso_unavailable"));
					return;
				}
			}
			chain.doFilter(request, response);
		}

	}

	/** With {@code VIGIL_PUBLIC_URL} set, the callback as the browser requested it. */
	private static final class PublicCallback extends OncePerRequestFilter {

		private final String publicUrl;

		PublicCallback(String publicUrl) {
			this.publicUrl = publicUrl;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			boolean callback = !this.publicUrl.isBlank() && CALLBACK.equals(request.getRequestURI());
			chain.doFilter(callback ? new PublicUrlRequest(request, this.publicUrl) : request, response);
		}

	}

	/**
	 * Hands the authorized client (with the provider's refresh token) from Spring's login
	 * filter to {@link SsoLogin} in a request attribute: Vigil keeps it with its own
	 * session, not in memory or an HTTP session.
	 */
	static final class RequestAuthorizedClients implements OAuth2AuthorizedClientRepository {

		static final String ATTRIBUTE = RequestAuthorizedClients.class.getName();

		@Override
		@SuppressWarnings("unchecked")
		public <T extends OAuth2AuthorizedClient> @Nullable T loadAuthorizedClient(String clientRegistrationId,
				@Nullable Authentication principal, HttpServletRequest request) {
			return (T) request.getAttribute(ATTRIBUTE);
		}

		@Override
		public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, @Nullable Authentication principal,
				HttpServletRequest request, HttpServletResponse response) {
			request.setAttribute(ATTRIBUTE, authorizedClient);
		}

		@Override
		public void removeAuthorizedClient(String clientRegistrationId, @Nullable Authentication principal,
				HttpServletRequest request, HttpServletResponse response) {
			request.removeAttribute(ATTRIBUTE);
		}

	}

}
