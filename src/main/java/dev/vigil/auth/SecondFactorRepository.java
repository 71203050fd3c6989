package dev.vigil.auth;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Second factors, recovery codes and the policy saying who must have one. */
@Repository
class SecondFactorRepository {

	private final JdbcClient jdbc;

	SecondFactorRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param secret the sealed secret
	 * @param confirmedAt epoch millis, null while the enrolment waits for its first code
	 * @param lastStep the last time step accepted
	 */
	record Factor(long adminId, String secret, long createdAt, @Nullable Long confirmedAt, @Nullable Long lastStep) {

		boolean confirmed() {
			return this.confirmedAt != null;
		}

	}

	record Policy(boolean everyone, List<String> roles) {
	}

	Optional<Factor> find(long adminId) {
		return this.jdbc.sql("""
				SELECT admin_id, secret, created_at, confirmed_at, last_step
				FROM second_factors WHERE admin_id = :adminId
				""").param("adminId", adminId).query(Factor.class).optional();
	}

	/** Admins with a confirmed factor, with when it was confirmed. */
	List<Factor> confirmed() {
		return this.jdbc.sql("""
				SELECT admin_id, secret, created_at, confirmed_at, last_step
				FROM second_factors WHERE confirmed_at IS NOT NULL ORDER BY confirmed_at
				""").query(Factor.class).list();
	}

	/**
	 * A new unconfirmed factor, replacing an unconfirmed one; false when one is
	 * confirmed.
	 */
	boolean beginEnrolment(long adminId, String sealedSecret, long now) {
		return this.jdbc.sql("""
				INSERT INTO second_factors (admin_id, secret, created_at) VALUES (:adminId, :secret, :now)
				ON CONFLICT (admin_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at,
				    last_step = NULL
				WHERE second_factors.confirmed_at IS NULL
				""").param("adminId", adminId).param("secret", sealedSecret).param("now", now).update() == 1;
	}

	/**
	 * Accepts a time step once: true when it is newer than the last accepted one (and
	 * records it), false for a replay. Atomic, so two requests with one code cannot both
	 * pass.
	 */
	boolean acceptStep(long adminId, long step) {
		return this.jdbc.sql("""
				UPDATE second_factors SET last_step = :step
				WHERE admin_id = :adminId AND (last_step IS NULL OR last_step < :step)
				""").param("adminId", adminId).param("step", step).update() == 1;
	}

	boolean confirm(long adminId, long now) {
		return this.jdbc.sql("""
				UPDATE second_factors SET confirmed_at = :now WHERE admin_id = :adminId AND confirmed_at IS NULL
				""").param("adminId", adminId).param("now", now).update() == 1;
	}

	/** Removes an admin's factor and recovery codes; false when there was no factor. */
	@Transactional
	boolean delete(long adminId) {
		this.jdbc.sql("DELETE FROM second_factor_recovery_codes WHERE admin_id = :adminId")
			.param("adminId", adminId)
			.update();
		return this.jdbc.sql("DELETE FROM second_factors WHERE admin_id = :adminId")
			.param("adminId", adminId)
			.update() == 1;
	}

	/** Replaces an admin's recovery codes. */
	@Transactional
	void replaceRecoveryCodes(long adminId, List<String> hashes, long now) {
		this.jdbc.sql("DELETE FROM second_factor_recovery_codes WHERE admin_id = :adminId")
			.param("adminId", adminId)
			.update();
		for (String hash : hashes) {
			this.jdbc.sql("""
					INSERT INTO second_factor_recovery_codes (admin_id, code_hash, created_at)
					VALUES (:adminId, :hash, :now)
					""").param("adminId", adminId).param("hash", hash).param("now", now).update();
		}
	}

	/** Marks an unused recovery code used; false when there is none such. Atomic. */
	boolean useRecoveryCode(long adminId, String hash, long now) {
		return this.jdbc.sql("""
				UPDATE second_factor_recovery_codes SET used_at = :now
				WHERE id = (SELECT id FROM second_factor_recovery_codes
				            WHERE admin_id = :adminId AND code_hash = :hash AND used_at IS NULL LIMIT 1)
				  AND used_at IS NULL
				""").param("adminId", adminId).param("hash", hash).param("now", now).update() == 1;
	}

	int unusedRecoveryCodes(long adminId) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM second_factor_recovery_codes WHERE admin_id = :adminId AND used_at IS NULL")
			.param("adminId", adminId)
			.query(Integer.class)
			.single();
	}

	Policy policy() {
		return this.jdbc.sql("SELECT everyone, roles FROM second_factor_policy WHERE id = 1")
			.query((rs, row) -> new Policy(rs.getBoolean("everyone"), split(rs.getString("roles"))))
			.optional()
			.orElse(new Policy(false, List.of()));
	}

	void savePolicy(Policy policy, long now) {
		this.jdbc.sql("""
				INSERT INTO second_factor_policy (id, everyone, roles, updated_at) VALUES (1, :everyone, :roles, :now)
				ON CONFLICT (id) DO UPDATE SET everyone = excluded.everyone, roles = excluded.roles,
				    updated_at = excluded.updated_at
				""")
			.param("everyone", policy.everyone() ? 1 : 0)
			.param("roles", String.join(" ", policy.roles()))
			.param("now", now)
			.update();
	}

	private static List<String> split(@Nullable String roles) {
		return (roles == null || roles.isBlank()) ? List.of() : Arrays.asList(roles.trim().split("\\s+"));
	}

}
