package dev.vigil.auth;

import java.util.List;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * The authenticated admin of a request, read from the access token. Controllers take it
 * with {@code @AuthenticationPrincipal}; {@link #getName()} is the admin id, which the
 * audit log reads.
 *
 * @param id admin id
 * @param sessionId the session the access token belongs to, or {@code key:<id>} for an
 * API key
 * @param scopes the token's scopes
 */
public record CurrentAdmin(long id, String sessionId, List<String> scopes) implements AuthenticatedPrincipal {

	/** The session id of an API key's requests and streams: this and the key's id. */
	static final String KEY_SESSION_PREFIX = "key:";

	/** Whether this is an API key acting for admin {@link #id}, not a signed-in admin. */
	public boolean viaApiKey() {
		return this.sessionId.startsWith(KEY_SESSION_PREFIX);
	}

	@Override
	public String getName() {
		return Long.toString(this.id);
	}

}
