package dev.vigil.support;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows of the {@code admins} table for repository tests of the tables that reference it
 * (their foreign keys are enforced).
 */
public final class AdminRows {

	private AdminRows() {
	}

	/** A live, active admin; returns its id. */
	public static long insert(JdbcClient jdbc, String email, String name) {
		return jdbc.sql("""
				INSERT INTO admins (email, password_hash, name, created_at, updated_at)
				VALUES (:email, 'hash', :name, 0, 0) RETURNING id
				""").param("email", email).param("name", name).query(Long.class).single();
	}

}
