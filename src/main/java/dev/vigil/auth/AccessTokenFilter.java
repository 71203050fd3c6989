package dev.vigil.auth;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request from its {@code access_token} cookie. Besides the JWT's
 * signature and expiry, the session must still be live: logout and revocation take effect
 * at once instead of after the token's five minutes. The scopes and log sources are the
 * admin's role's as it is now ({@link Roles}, cached), not a copy made at sign-in. A
 * refused token leaves the request anonymous and records why, for the 401 body.
 */
final class AccessTokenFilter extends OncePerRequestFilter {

	static final String FAILURE_ATTRIBUTE = AccessTokenFilter.class.getName() + ".failure";

	private final AccessTokens tokens;

	private final SessionService sessions;

	private final Roles roles;

	AccessTokenFilter(AccessTokens tokens, SessionService sessions, Roles roles) {
		this.tokens = tokens;
		this.sessions = sessions;
		this.roles = roles;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String token = AuthCookies.read(request, AuthCookies.ACCESS);
		if (token != null) {
			try {
				AccessTokens.Verified verified = this.tokens.verify(token);
				if (this.sessions.isActive(verified.sessionId())) {
					authenticate(this.roles.principal(verified.adminId(), verified.sessionId(), verified.role()));
				}
				else {
					request.setAttribute(FAILURE_ATTRIBUTE, "session revoked");
				}
			}
			catch (AccessTokens.InvalidToken ex) {
				request.setAttribute(FAILURE_ATTRIBUTE, ex.getMessage());
			}
		}
		else if (hasApiKey(request)) {
			request.setAttribute(FAILURE_ATTRIBUTE, "API keys are accepted on /api/v1 only");
		}
		chain.doFilter(request, response);
	}

	/** Signs the request in as {@code admin}, with its scopes as authorities. */
	static void authenticate(CurrentAdmin admin) {
		var authorities = admin.scopes().stream().map(Scopes::authority).map(SimpleGrantedAuthority::new).toList();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(admin, null, authorities));
		SecurityContextHolder.setContext(context);
	}

	private static boolean hasApiKey(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		String bearerKey = "Bearer " + ApiKeys.PREFIX;
		return header != null && header.regionMatches(true, 0, bearerKey, 0, bearerKey.length());
	}

}
