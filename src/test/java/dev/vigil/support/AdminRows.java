package dev.vigil.support;

import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows of the {@code admins} table for repository tests of the tables that reference it
 * (their foreign keys are enforced).
 */
public final class AdminRows {

	private AdminRows() {
	}

	/**
	 * A live, active admin of this name, with a unique email that starts with the name in
	 * lower case; its id.
	 */
	public static long insert(JdbcClient jdbc, String name) {
		String email = name.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID() + "@x.test";
		return jdbc.sql("""
				INSERT INTO admins (email, password_hash, name, created_at, updated_at)
				VALUES (:email, 'hash', :name, 0, 0) RETURNING id
				""").param("email", email).param("name", name).query(Long.class).single();
	}

}
