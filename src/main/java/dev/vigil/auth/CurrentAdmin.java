package dev.vigil.auth;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * The authenticated admin of a request: who (from the access token or API key) and what
 * their role allows now (from {@link Roles}, not from the token, so that a changed role
 * applies to open sessions at once). Controllers take it with
 * {@code @AuthenticationPrincipal}; {@link #getName()} is the admin id, which the audit
 * log reads.
 *
 * @param id admin id
 * @param sessionId the session the access token belongs to, or {@code key:<id>} for an
 * API key
 * @param role the admin's role name (an API key's: its owner's)
 * @param scopes the role's scopes (an API key's: the key's own)
 * @param logSources the log sources the role may read, or {@code null} for every source
 * its scopes allow
 */
public record CurrentAdmin(long id, String sessionId, String role, List<String> scopes,
		@Nullable Set<String> logSources) implements AuthenticatedPrincipal {

	/** The session id of an API key's requests and streams: this and the key's id. */
	static final String KEY_SESSION_PREFIX = "key:";

	/** Whether this is an API key acting for admin {@link #id}, not a signed-in admin. */
	public boolean viaApiKey() {
		return this.sessionId.startsWith(KEY_SESSION_PREFIX);
	}

	/**
	 * Whether the role lets this admin see the log source of this name (a source's own
	 * scope is the logs module's to check).
	 */
	public boolean roleAllowsLogSource(String source) {
		return this.logSources == null || this.logSources.contains(source);
	}

	@Override
	public String getName() {
		return Long.toString(this.id);
	}

}
