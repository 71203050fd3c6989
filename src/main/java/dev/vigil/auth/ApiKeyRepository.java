package dev.vigil.auth;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApiKeyRepository {

	private final JdbcClient jdbc;

	ApiKeyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record ApiKey(long id, String name, String prefix, List<String> scopes, long adminId, Instant createdAt,
			@Nullable Instant expiresAt, @Nullable Instant revokedAt, @Nullable Instant lastUsedAt,
			@Nullable String lastUsedIp) {

		boolean expired(Instant now) {
			return this.expiresAt != null && !this.expiresAt.isAfter(now);
		}

	}

	private static final RowMapper<ApiKey> KEY = (rs, n) -> new ApiKey(rs.getLong("id"), rs.getString("name"),
			rs.getString("prefix"), Arrays.asList(rs.getString("scopes").split(" ")), rs.getLong("admin_id"),
			Instant.ofEpochMilli(rs.getLong("created_at")), instant(rs.getObject("expires_at")),
			instant(rs.getObject("revoked_at")), instant(rs.getObject("last_used_at")), rs.getString("last_used_ip"));

	private static final String SELECT = """
			SELECT id, name, prefix, scopes, admin_id, created_at, expires_at, revoked_at, last_used_at, last_used_ip
			FROM api_keys
			""";

	private static @Nullable Instant instant(@Nullable Object millis) {
		return (millis != null) ? Instant.ofEpochMilli(((Number) millis).longValue()) : null;
	}

	long insert(String name, String prefix, String secretHash, List<String> scopes, long adminId, Instant now,
			@Nullable Instant expiresAt) {
		return this.jdbc.sql("""
				INSERT INTO api_keys (name, prefix, secret_hash, scopes, admin_id, created_at, expires_at)
				VALUES (:name, :prefix, :hash, :scopes, :adminId, :now, :expiresAt) RETURNING id
				""")
			.param("name", name)
			.param("prefix", prefix)
			.param("hash", secretHash)
			.param("scopes", String.join(" ", scopes))
			.param("adminId", adminId)
			.param("now", now.toEpochMilli())
			.param("expiresAt", (expiresAt != null) ? expiresAt.toEpochMilli() : null)
			.query(Long.class)
			.single();
	}

	Optional<ApiKey> findByHash(String secretHash) {
		return this.jdbc.sql(SELECT + "WHERE secret_hash = :hash").param("hash", secretHash).query(KEY).optional();
	}

	Optional<ApiKey> find(long id) {
		return this.jdbc.sql(SELECT + "WHERE id = :id").param("id", id).query(KEY).optional();
	}

	/** Newest first; revoked keys too (they stay listed as revoked). */
	List<ApiKey> findAll() {
		return this.jdbc.sql(SELECT + "ORDER BY id DESC").query(KEY).list();
	}

	List<ApiKey> findByAdmin(long adminId) {
		return this.jdbc.sql(SELECT + "WHERE admin_id = :adminId AND revoked_at IS NULL")
			.param("adminId", adminId)
			.query(KEY)
			.list();
	}

	/** Live keys whose expiry falls in {@code (from, to]}. */
	List<ApiKey> expiredBetween(Instant from, Instant to) {
		return this.jdbc.sql(SELECT + "WHERE revoked_at IS NULL AND expires_at > :from AND expires_at <= :to")
			.param("from", from.toEpochMilli())
			.param("to", to.toEpochMilli())
			.query(KEY)
			.list();
	}

	boolean revoke(long id, Instant now) {
		return this.jdbc.sql("UPDATE api_keys SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
			.param("now", now.toEpochMilli())
			.param("id", id)
			.update() == 1;
	}

	void used(long id, Instant at, String ip) {
		this.jdbc.sql("UPDATE api_keys SET last_used_at = :at, last_used_ip = :ip WHERE id = :id")
			.param("at", at.toEpochMilli())
			.param("ip", ip)
			.param("id", id)
			.update();
	}

}
