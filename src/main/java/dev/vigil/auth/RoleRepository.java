package dev.vigil.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code roles} table; scopes and log sources are JSON arrays. */
@Repository
class RoleRepository {

	private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
	};

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	RoleRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Row(String name, String description, List<String> scopes, @Nullable List<String> logSources, boolean builtin,
			Instant createdAt, Instant updatedAt) {
	}

	private static final RowMapper<Row> ROW = (rs, n) -> new Row(rs.getString("name"), rs.getString("description"),
			JSON.readValue(rs.getString("scopes"), NAMES),
			(rs.getString("log_sources") != null) ? JSON.readValue(rs.getString("log_sources"), NAMES) : null,
			rs.getInt("builtin") == 1, Instant.ofEpochMilli(rs.getLong("created_at")),
			Instant.ofEpochMilli(rs.getLong("updated_at")));

	/** Built-in roles first (superadmin, admin, viewer), then the others by name. */
	List<Row> findAll() {
		return this.jdbc.sql("""
				SELECT name, description, scopes, log_sources, builtin, created_at, updated_at FROM roles
				ORDER BY builtin DESC, CASE name WHEN 'superadmin' THEN 0 WHEN 'admin' THEN 1 ELSE 2 END, name
				""").query(ROW).list();
	}

	Optional<Row> find(String name) {
		return this.jdbc.sql("""
				SELECT name, description, scopes, log_sources, builtin, created_at, updated_at FROM roles
				WHERE name = :name
				""").param("name", name).query(ROW).optional();
	}

	/** False when the name is taken. */
	boolean insert(String name, String description, List<String> scopes, @Nullable List<String> logSources,
			Instant now) {
		return this.jdbc.sql("""
				INSERT INTO roles (name, description, scopes, log_sources, builtin, created_at, updated_at)
				VALUES (:name, :description, :scopes, :sources, 0, :now, :now)
				ON CONFLICT (name) DO NOTHING
				""")
			.param("name", name)
			.param("description", description)
			.param("scopes", JSON.writeValueAsString(scopes))
			.param("sources", (logSources != null) ? JSON.writeValueAsString(logSources) : null)
			.param("now", now.toEpochMilli())
			.update() == 1;
	}

	boolean update(String name, String description, List<String> scopes, @Nullable List<String> logSources,
			Instant now) {
		return this.jdbc.sql("""
				UPDATE roles SET description = :description, scopes = :scopes, log_sources = :sources,
				    updated_at = :now
				WHERE name = :name
				""")
			.param("name", name)
			.param("description", description)
			.param("scopes", JSON.writeValueAsString(scopes))
			.param("sources", (logSources != null) ? JSON.writeValueAsString(logSources) : null)
			.param("now", now.toEpochMilli())
			.update() == 1;
	}

	boolean delete(String name) {
		return this.jdbc.sql("DELETE FROM roles WHERE name = :name AND builtin = 0").param("name", name).update() == 1;
	}

}
