package dev.vigil.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.vigil.web.ListQuery;

@Repository
class SessionRepository {

	private final JdbcClient jdbc;

	SessionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param lastUsedAt when the session was created or its token last rotated
	 */
	record Session(String id, long adminId, String method, String tokenHash, @Nullable String previousHash,
			Instant lastUsedAt, Instant expiresAt, @Nullable Instant revokedAt) {
	}

	/**
	 * A session as listed to admins (their emails and names come from the admins module).
	 */
	record Listed(String id, long adminId, String userAgent, String ip, Instant createdAt, Instant lastUsedAt,
			Instant expiresAt) {
	}

	private static final RowMapper<Session> SESSION = (rs, n) -> new Session(rs.getString("id"), rs.getLong("admin_id"),
			rs.getString("method"), rs.getString("token_hash"), rs.getString("previous_hash"),
			Instant.ofEpochMilli(rs.getLong("last_used_at")), Instant.ofEpochMilli(rs.getLong("expires_at")),
			(rs.getObject("revoked_at") != null) ? Instant.ofEpochMilli(rs.getLong("revoked_at")) : null);

	private static final RowMapper<Listed> LISTED = (rs, n) -> new Listed(rs.getString("id"), rs.getLong("admin_id"),
			rs.getString("user_agent"), rs.getString("ip"), Instant.ofEpochMilli(rs.getLong("created_at")),
			Instant.ofEpochMilli(rs.getLong("last_used_at")), Instant.ofEpochMilli(rs.getLong("expires_at")));

	private static final String LISTED_SELECT = """
			SELECT s.id, s.admin_id, s.user_agent, s.ip, s.created_at, s.last_used_at, s.expires_at
			FROM sessions s
			WHERE s.revoked_at IS NULL AND s.expires_at > :now
			""";

	void insert(String id, long adminId, String method, String tokenHash, String userAgent, String ip, Instant now,
			Instant expiresAt) {
		this.jdbc
			.sql("""
					INSERT INTO sessions (id, admin_id, method, token_hash, user_agent, ip, created_at, last_used_at, expires_at)
					VALUES (:id, :adminId, :method, :tokenHash, :userAgent, :ip, :now, :now, :expiresAt)
					""")
			.param("id", id)
			.param("adminId", adminId)
			.param("method", method)
			.param("tokenHash", tokenHash)
			.param("userAgent", userAgent)
			.param("ip", ip)
			.param("now", now.toEpochMilli())
			.param("expiresAt", expiresAt.toEpochMilli())
			.update();
	}

	Optional<Session> findByTokenHash(String hash) {
		return this.jdbc.sql("SELECT * FROM sessions WHERE token_hash = :hash")
			.param("hash", hash)
			.query(SESSION)
			.optional();
	}

	Optional<Session> findByPreviousHash(String hash) {
		return this.jdbc.sql("SELECT * FROM sessions WHERE previous_hash = :hash")
			.param("hash", hash)
			.query(SESSION)
			.optional();
	}

	Optional<Session> findById(String id) {
		return this.jdbc.sql("SELECT * FROM sessions WHERE id = :id").param("id", id).query(SESSION).optional();
	}

	/**
	 * Swaps the refresh token only if it is still the one presented, so two racing
	 * refreshes cannot both win.
	 */
	boolean rotate(String id, String presentedHash, String newHash, String ip, Instant now) {
		return this.jdbc.sql("""
				UPDATE sessions SET previous_hash = token_hash, token_hash = :newHash, ip = :ip, last_used_at = :now
				WHERE id = :id AND token_hash = :presentedHash AND revoked_at IS NULL
				""")
			.param("id", id)
			.param("presentedHash", presentedHash)
			.param("newHash", newHash)
			.param("ip", ip)
			.param("now", now.toEpochMilli())
			.update() == 1;
	}

	boolean isActive(String id, Instant now) {
		return this.jdbc
			.sql("SELECT count(*) FROM sessions WHERE id = :id AND revoked_at IS NULL AND expires_at > :now")
			.param("id", id)
			.param("now", now.toEpochMilli())
			.query(Integer.class)
			.single() > 0;
	}

	/** Marks a live session revoked; false when it was not live. */
	boolean revoke(String id, String reason, Instant now) {
		return this.jdbc.sql("""
				UPDATE sessions SET revoked_at = :now, revoke_reason = :reason
				WHERE id = :id AND revoked_at IS NULL
				""").param("id", id).param("reason", reason).param("now", now.toEpochMilli()).update() == 1;
	}

	/** Marks every live session revoked; returns how many. */
	int revokeAllLive(String reason, Instant now) {
		return this.jdbc.sql("""
				UPDATE sessions SET revoked_at = :now, revoke_reason = :reason
				WHERE revoked_at IS NULL
				""").param("reason", reason).param("now", now.toEpochMilli()).update();
	}

	void delete(String id) {
		this.jdbc.sql("DELETE FROM sessions WHERE id = :id").param("id", id).update();
	}

	List<String> liveIdsOf(long adminId, Instant now) {
		return this.jdbc
			.sql("SELECT id FROM sessions WHERE admin_id = :adminId AND revoked_at IS NULL AND expires_at > :now")
			.param("adminId", adminId)
			.param("now", now.toEpochMilli())
			.query(String.class)
			.list();
	}

	List<Listed> list(@Nullable Long adminId, ListQuery query, Instant now) {
		return this.jdbc
			.sql(LISTED_SELECT + ((adminId != null) ? " AND s.admin_id = :adminId" : "") + " ORDER BY "
					+ query.orderBy() + " LIMIT :limit OFFSET :offset")
			.param("now", now.toEpochMilli())
			.param("adminId", adminId)
			.param("limit", query.limit())
			.param("offset", query.offset())
			.query(LISTED)
			.list();
	}

	long count(@Nullable Long adminId, Instant now) {
		return this.jdbc
			.sql("SELECT count(*) FROM sessions s WHERE s.revoked_at IS NULL AND s.expires_at > :now"
					+ ((adminId != null) ? " AND s.admin_id = :adminId" : ""))
			.param("now", now.toEpochMilli())
			.param("adminId", adminId)
			.query(Long.class)
			.single();
	}

	/** Sessions that reached their expiry in {@code (from, to]} without being revoked. */
	List<Session> expiredBetween(Instant from, Instant to) {
		return this.jdbc.sql("""
				SELECT * FROM sessions WHERE revoked_at IS NULL AND expires_at > :from AND expires_at <= :to
				""").param("from", from.toEpochMilli()).param("to", to.toEpochMilli()).query(SESSION).list();
	}

	int deleteEnded(Instant now) {
		return this.jdbc.sql("DELETE FROM sessions WHERE expires_at < :now OR revoked_at IS NOT NULL")
			.param("now", now.toEpochMilli())
			.update();
	}

}
