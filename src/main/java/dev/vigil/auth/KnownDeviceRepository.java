package dev.vigil.auth;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The devices (client address + user agent) each admin has signed in from, to tell a
 * sign-in from a new device.
 */
@Repository
class KnownDeviceRepository {

	private final JdbcClient jdbc;

	KnownDeviceRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean hasAny(long adminId) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM known_devices WHERE admin_id = :adminId)")
			.param("adminId", adminId)
			.query(Boolean.class)
			.single();
	}

	/** Records a device; true when it was not known before. */
	boolean remember(long adminId, @Nullable String ip, @Nullable String userAgent) {
		return this.jdbc.sql("""
				INSERT INTO known_devices (admin_id, ip, user_agent, first_seen)
				VALUES (:adminId, :ip, :userAgent, :now) ON CONFLICT DO NOTHING
				""")
			.param("adminId", adminId)
			.param("ip", (ip != null) ? ip : "")
			.param("userAgent", (userAgent != null) ? userAgent : "")
			.param("now", System.currentTimeMillis())
			.update() == 1;
	}

}
