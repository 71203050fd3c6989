package dev.vigil.auth;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.vigil.web.ClientAddress;

/**
 * Authenticates a machine API request from {@code Authorization: Bearer <key>}, then
 * spends one request of the key's per-minute budget. Cookies are never read here: the
 * machine API has one way in. A refused key leaves the request anonymous and records why,
 * for the 401 body.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private final ApiKeys keys;

	private final ClientAddress clientAddress;

	ApiKeyFilter(ApiKeys keys, ClientAddress clientAddress) {
		this.keys = keys;
		this.clientAddress = clientAddress;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			request.setAttribute(AccessTokenFilter.FAILURE_ATTRIBUTE,
					(AuthCookies.read(request, AuthCookies.ACCESS) != null)
							? "cookies are not accepted on /api/v1: send an API key as Authorization: Bearer"
							: "API key required: send it as Authorization: Bearer");
			chain.doFilter(request, response);
			return;
		}
		ApiKeys.Result result = this.keys.authenticate(header.substring(BEARER.length()).trim(),
				this.clientAddress.of(request));
		if (result instanceof ApiKeys.Result.Refused refused) {
			request.setAttribute(AccessTokenFilter.FAILURE_ATTRIBUTE, refused.reason());
			chain.doFilter(request, response);
			return;
		}
		CurrentAdmin key = ((ApiKeys.Result.Accepted) result).principal();
		if (!this.keys.admit(key, request, response)) {
			return;
		}
		AccessTokenFilter.authenticate(key);
		chain.doFilter(request, response);
	}

}
