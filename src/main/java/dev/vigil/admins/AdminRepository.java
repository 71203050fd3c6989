package dev.vigil.admins;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.vigil.web.ListQuery;

@Repository
class AdminRepository {

	private final JdbcClient jdbc;

	AdminRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Admin(long id, String email, String passwordHash, String name, String role, boolean active,
			Instant createdAt, Instant updatedAt) {
	}

	/** Who an admin is, as lists of other modules show it. */
	record Name(long id, String email, String name) {
	}

	private static final RowMapper<Admin> ADMIN = (rs, n) -> new Admin(rs.getLong("id"), rs.getString("email"),
			rs.getString("password_hash"), rs.getString("name"), rs.getString("role"), rs.getBoolean("is_active"),
			Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));

	private static final String LIVE = " deleted_at IS NULL ";

	/**
	 * Case-insensitive on both databases (SQLite's LIKE is, PostgreSQL's is not): the
	 * columns lowered here, the pattern in {@link #like}. The cast gives PostgreSQL the
	 * type of a null parameter.
	 */
	private static final String SEARCH = " AND (CAST(:search AS TEXT) IS NULL OR lower(email) LIKE :search ESCAPE '\\' OR lower(name) LIKE :search ESCAPE '\\') ";

	long countLive() {
		return this.jdbc.sql("SELECT count(*) FROM admins WHERE" + LIVE).query(Long.class).single();
	}

	Optional<Admin> findById(long id) {
		return this.jdbc.sql("SELECT * FROM admins WHERE id = :id AND" + LIVE).param("id", id).query(ADMIN).optional();
	}

	Optional<Admin> findByEmail(String email) {
		return this.jdbc.sql("SELECT * FROM admins WHERE email = :email AND" + LIVE)
			.param("email", email)
			.query(ADMIN)
			.optional();
	}

	/** How many live (not deleted) accounts have each role. */
	Map<String, Long> countByRole() {
		Map<String, Long> counts = new HashMap<>();
		this.jdbc.sql("SELECT role, count(*) AS n FROM admins WHERE deleted_at IS NULL GROUP BY role")
			.query((rs, n) -> counts.put(rs.getString("role"), rs.getLong("n")))
			.list();
		return counts;
	}

	/** Ids of the active accounts, of one role or (null) of every role, in id order. */
	List<Long> activeIds(@Nullable String role) {
		return this.jdbc
			.sql("""
					SELECT id FROM admins WHERE deleted_at IS NULL AND is_active = 1 AND (CAST(:role AS TEXT) IS NULL OR role = :role)
					ORDER BY id
					""")
			.param("role", role)
			.query(Long.class)
			.list();
	}

	/**
	 * The emails and names of these accounts, deleted ones included (what they did is
	 * still listed); ids without an account are left out.
	 */
	List<Name> names(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("SELECT id, email, name FROM admins WHERE id IN (:ids)")
			.param("ids", ids)
			.query((rs, n) -> new Name(rs.getLong("id"), rs.getString("email"), rs.getString("name")))
			.list();
	}

	/** The email addresses of those of these accounts that are active, by id. */
	Map<Long, String> activeEmails(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		Map<Long, String> emails = new LinkedHashMap<>();
		this.jdbc.sql("SELECT id, email FROM admins WHERE id IN (:ids) AND deleted_at IS NULL AND is_active = 1")
			.param("ids", ids)
			.query((rs) -> {
				emails.put(rs.getLong("id"), rs.getString("email"));
			});
		return emails;
	}

	boolean isActive(long id) {
		return this.jdbc
			.sql("SELECT EXISTS (SELECT 1 FROM admins WHERE id = :id AND deleted_at IS NULL AND is_active = 1)")
			.param("id", id)
			.query(Boolean.class)
			.single();
	}

	boolean emailTaken(String email) {
		return this.jdbc.sql("SELECT count(*) FROM admins WHERE email = :email AND" + LIVE)
			.param("email", email)
			.query(Integer.class)
			.single() > 0;
	}

	List<Admin> find(@Nullable String search, ListQuery query) {
		return this.jdbc
			.sql("SELECT * FROM admins WHERE" + LIVE + SEARCH + "ORDER BY " + query.orderBy()
					+ " LIMIT :limit OFFSET :offset")
			.param("search", like(search))
			.param("limit", query.limit())
			.param("offset", query.offset())
			.query(ADMIN)
			.list();
	}

	long count(@Nullable String search) {
		return this.jdbc.sql("SELECT count(*) FROM admins WHERE" + LIVE + SEARCH)
			.param("search", like(search))
			.query(Long.class)
			.single();
	}

	long insert(String email, String passwordHash, String name, String role) {
		long now = System.currentTimeMillis();
		return this.jdbc.sql("""
				INSERT INTO admins (email, password_hash, name, role, is_active, created_at, updated_at)
				VALUES (:email, :hash, :name, :role, 1, :now, :now) RETURNING id
				""")
			.param("email", email)
			.param("hash", passwordHash)
			.param("name", name)
			.param("role", role)
			.param("now", now)
			.query(Long.class)
			.single();
	}

	/**
	 * Sets the given columns (null = unchanged) and nothing else, so that a concurrent
	 * change to another column is never written back over; false when the account does
	 * not exist.
	 */
	boolean update(long id, @Nullable String name, @Nullable String role, @Nullable Boolean active,
			@Nullable String passwordHash) {
		return this.jdbc.sql("""
				UPDATE admins SET name = coalesce(:name, name), role = coalesce(:role, role),
				       is_active = coalesce(:active, is_active), password_hash = coalesce(:hash, password_hash),
				       updated_at = :now
				WHERE id = :id AND deleted_at IS NULL
				""")
			.param("id", id)
			.param("name", name)
			.param("role", role)
			// INTEGER 0/1 on both databases: PostgreSQL will not mix a boolean into it.
			.param("active", (active != null) ? (active ? 1 : 0) : null)
			.param("hash", passwordHash)
			.param("now", System.currentTimeMillis())
			.update() == 1;
	}

	/**
	 * Replaces the password hash only if it is still {@code expectedHash}: a password
	 * change checked against the current password must not undo a reset made meanwhile.
	 * False when it was not.
	 */
	boolean replacePasswordHash(long id, String expectedHash, String newHash) {
		return this.jdbc.sql("""
				UPDATE admins SET password_hash = :newHash, updated_at = :now
				WHERE id = :id AND password_hash = :expectedHash AND deleted_at IS NULL
				""")
			.param("id", id)
			.param("expectedHash", expectedHash)
			.param("newHash", newHash)
			.param("now", System.currentTimeMillis())
			.update() == 1;
	}

	boolean softDelete(long id) {
		return this.jdbc.sql("""
				UPDATE admins SET deleted_at = :now, is_active = 0, updated_at = :now
				WHERE id = :id AND deleted_at IS NULL
				""").param("id", id).param("now", System.currentTimeMillis()).update() == 1;
	}

	private static @Nullable String like(@Nullable String search) {
		if (search == null || search.isBlank()) {
			return null;
		}
		return "%"
				+ search.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
				+ "%";
	}

}
