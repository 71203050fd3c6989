package dev.vigil.auth;

import java.util.List;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * The authenticated admin of a request, read from the access token. Controllers take it
 * with {@code @AuthenticationPrincipal}; {@link #getName()} is the admin id, which the
 * audit log reads.
 *
 * @param id admin id
 * @param sessionId the session the access token belongs to
 * @param scopes the token's scopes
 */
public record CurrentAdmin(long id, String sessionId, List<String> scopes) implements AuthenticatedPrincipal {

	@Override
	public String getName() {
		return Long.toString(this.id);
	}

}
