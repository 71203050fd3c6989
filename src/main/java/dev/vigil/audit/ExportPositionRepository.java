package dev.vigil.audit;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The id of the last audit entry each export sink has delivered. */
@Repository
class ExportPositionRepository {

	private final JdbcClient jdbc;

	ExportPositionRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Long> find(String sink) {
		return this.jdbc.sql("SELECT last_id FROM audit_export_positions WHERE sink = :sink")
			.param("sink", sink)
			.query(Long.class)
			.optional();
	}

	void store(String sink, long lastId) {
		this.jdbc.sql("""
				INSERT INTO audit_export_positions (sink, last_id, updated_at) VALUES (:sink, :lastId, :now)
				ON CONFLICT (sink) DO UPDATE SET last_id = excluded.last_id, updated_at = excluded.updated_at
				""").param("sink", sink).param("lastId", lastId).param("now", System.currentTimeMillis()).update();
	}

}
