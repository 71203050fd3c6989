package dev.vigil.auth;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Identities at identity providers linked to admins, and the provider's tokens of each
 * single sign-on session (stored encrypted by the caller).
 */
@Repository
class SsoRepository {

	private final JdbcClient jdbc;

	SsoRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The provider's tokens of one session, encrypted. */
	record Tokens(String sessionId, String issuer, String subject, @Nullable String refreshToken,
			@Nullable String accessToken) {
	}

	Optional<Long> adminOf(String issuer, String subject) {
		return this.jdbc.sql("SELECT admin_id FROM sso_identities WHERE issuer = :issuer AND subject = :subject")
			.param("issuer", issuer)
			.param("subject", subject)
			.query(Long.class)
			.optional();
	}

	/** Links an identity to an admin, or records another sign-in of a linked one. */
	void link(String issuer, String subject, long adminId) {
		long now = System.currentTimeMillis();
		this.jdbc
			.sql("""
					INSERT INTO sso_identities (issuer, subject, admin_id, created_at, last_login)
					VALUES (:issuer, :subject, :admin, :now, :now)
					ON CONFLICT (issuer, subject) DO UPDATE SET admin_id = excluded.admin_id, last_login = excluded.last_login
					""")
			.param("issuer", issuer)
			.param("subject", subject)
			.param("admin", adminId)
			.param("now", now)
			.update();
	}

	void saveTokens(Tokens tokens) {
		this.jdbc.sql("""
				INSERT INTO sso_session_tokens (session_id, issuer, subject, refresh_token, access_token, updated_at)
				VALUES (:session, :issuer, :subject, :refresh, :access, :now)
				ON CONFLICT (session_id) DO UPDATE SET refresh_token = excluded.refresh_token,
				       access_token = excluded.access_token, updated_at = excluded.updated_at
				""")
			.param("session", tokens.sessionId())
			.param("issuer", tokens.issuer())
			.param("subject", tokens.subject())
			.param("refresh", tokens.refreshToken())
			.param("access", tokens.accessToken())
			.param("now", System.currentTimeMillis())
			.update();
	}

	Optional<Tokens> tokensOf(String sessionId) {
		return this.jdbc.sql("SELECT * FROM sso_session_tokens WHERE session_id = :session")
			.param("session", sessionId)
			.query((rs, n) -> new Tokens(rs.getString("session_id"), rs.getString("issuer"), rs.getString("subject"),
					rs.getString("refresh_token"), rs.getString("access_token")))
			.optional();
	}

	/** Forgets the tokens of sessions that are no longer live. */
	int deleteEnded() {
		return this.jdbc
			.sql("""
					DELETE FROM sso_session_tokens WHERE session_id NOT IN (SELECT id FROM sessions WHERE revoked_at IS NULL)
					""")
			.update();
	}

}
