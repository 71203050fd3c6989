package dev.vigil.auth;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

import dev.vigil.audit.AuditLog;
import dev.vigil.web.ClientAddress;

import dev.vigil.auth.AdminAccounts.Account;

/**
 * The end of a single sign-on: the provider's id_token has been validated by Spring; the
 * identity becomes an admin ({@link ExternalSignIn}) with a Vigil session and its
 * cookies, and the browser goes to the panel. Any failure sends it to the login page with
 * an {@code ?error=} code the page explains.
 */
class SsoLogin implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

	private static final Logger log = LoggerFactory.getLogger(SsoLogin.class);

	/** OAuth2 error codes that mean the user (or the provider) declined. */
	private static final Set<String> DENIED = Set.of("access_denied", "login_required", "consent_required",
			"interaction_required");

	/** The round trip took too long, or was started in another browser. */
	private static final Set<String> EXPIRED = Set.of("authorization_request_not_found", "invalid_state_parameter");

	private final ExternalSignIn signIn;

	private final SessionService sessions;

	private final AuthCookies cookies;

	private final SsoRepository repository;

	private final SsoTokenCipher cipher;

	private final ClientAddress clientAddress;

	private final AuditLog audit;

	private final String groupsClaim;

	SsoLogin(ExternalSignIn signIn, SessionService sessions, AuthCookies cookies, SsoRepository repository,
			SsoTokenCipher cipher, ClientAddress clientAddress, AuditLog audit, SsoProperties properties) {
		this.signIn = signIn;
		this.sessions = sessions;
		this.cookies = cookies;
		this.repository = repository;
		this.cipher = cipher;
		this.clientAddress = clientAddress;
		this.audit = audit;
		this.groupsClaim = properties.groupsClaim();
	}

	static String failureUrl(String code) {
		return "/admin/login?error=" + code;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		endHttpSession(request);
		if (!(authentication.getPrincipal() instanceof OidcUser user)) {
			redirect(response, failureUrl("sso_failed"));
			return;
		}
		String issuer = user.getIssuer().toString();
		ExternalSignIn.Outcome outcome = this.signIn.resolve(issuer, user.getSubject(), user.getEmail(),
				Boolean.TRUE.equals(user.getEmailVerified()), user.getFullName(),
				GroupRoles.groups(user.getClaims().get(this.groupsClaim)), "sso");
		Account account = outcome.account();
		if (account == null) {
			redirect(response, failureUrl(outcome.failure().code));
			return;
		}
		String ip = this.clientAddress.of(request);
		SessionService.Issued issued = this.sessions.start(account, "sso", request.getHeader(HttpHeaders.USER_AGENT),
				ip);
		OAuth2AuthorizedClient client = (OAuth2AuthorizedClient) request
			.getAttribute(SsoConfiguration.RequestAuthorizedClients.ATTRIBUTE);
		this.repository.saveTokens(new SsoRepository.Tokens(issued.sessionId(), issuer, user.getSubject(),
				(client != null && client.getRefreshToken() != null)
						? this.cipher.encrypt(client.getRefreshToken().getTokenValue()) : null,
				(client != null) ? this.cipher.encrypt(client.getAccessToken().getTokenValue()) : null));
		this.cookies.set(response, issued);
		log.atInfo().setMessage("admin login").addKeyValue("admin_id", account.id()).addKeyValue("method", "sso").log();
		this.audit.recordAs(account.id(), "auth.login", "session", issued.sessionId(), "method=sso");
		redirect(response, "/admin/");
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		endHttpSession(request);
		String error = (exception instanceof OAuth2AuthenticationException oauth2)
				? oauth2.getError().getErrorCode().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "")
				: "authentication_failed";
		if (error.length() > 64) {
			error = error.substring(0, 64);
		}
		String code = DENIED.contains(error) ? "sso_denied" : EXPIRED.contains(error) ? "sso_expired" : "sso_failed";
		// The OAuth2 error code only: descriptions may quote what the provider sent.
		log.atWarn().setMessage("sign-in refused").addKeyValue("method", "sso").addKeyValue("reason", error).log();
		this.audit.recordAs(null, "auth.login_failed", "session", null, "method=sso reason=" + error);
		redirect(response, failureUrl(code));
	}

	/**
	 * A relative redirect: Vigil may sit behind a proxy whose scheme and host it does not
	 * know.
	 */
	static void redirect(HttpServletResponse response, String location) {
		response.setStatus(HttpServletResponse.SC_FOUND);
		response.setHeader(HttpHeaders.LOCATION, location);
	}

	private static void endHttpSession(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
	}

}
