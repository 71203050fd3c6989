package dev.vigil.dashboard;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code dashboard_history} table: points by tier and time, each snapshot stored as
 * the JSON the API serves.
 */
@Repository
class DashboardHistoryRepository {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	DashboardHistoryRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Adds a point, replacing one at the same tier and time (a bucket rolled up again).
	 */
	void save(HistoryTier tier, HistoryPoint point) {
		this.jdbc.sql("""
				INSERT INTO dashboard_history (tier, time, samples, snapshot)
				VALUES (:tier, :time, :samples, :snapshot)
				ON CONFLICT (tier, time) DO UPDATE SET samples = excluded.samples, snapshot = excluded.snapshot
				""")
			.param("tier", tier.id())
			.param("time", point.time().toEpochMilli())
			.param("samples", point.samples())
			.param("snapshot", this.json.writeValueAsString(point.snapshot()))
			.update();
	}

	/**
	 * Points of the tier from {@code from} (inclusive) to {@code to} (exclusive), oldest
	 * first.
	 */
	List<HistoryPoint> between(HistoryTier tier, Instant from, Instant to) {
		return this.jdbc.sql("""
				SELECT time, samples, snapshot FROM dashboard_history
				WHERE tier = :tier AND time >= :from AND time < :to
				ORDER BY time
				""")
			.param("tier", tier.id())
			.param("from", from.toEpochMilli())
			.param("to", to.toEpochMilli())
			.query((rs, row) -> new HistoryPoint(Instant.ofEpochMilli(rs.getLong("time")), rs.getInt("samples"),
					this.json.readValue(rs.getString("snapshot"), DashboardSnapshot.class)))
			.list();
	}

	/** Time of the tier's newest point, or null when it has none. */
	@Nullable Instant newest(HistoryTier tier) {
		Long time = this.jdbc.sql("SELECT max(time) FROM dashboard_history WHERE tier = :tier")
			.param("tier", tier.id())
			.query(Long.class)
			.optional()
			.orElse(null);
		return (time != null) ? Instant.ofEpochMilli(time) : null;
	}

	/** Drops the tier's points older than {@code before}; how many. */
	int prune(HistoryTier tier, Instant before) {
		return this.jdbc.sql("DELETE FROM dashboard_history WHERE tier = :tier AND time < :before")
			.param("tier", tier.id())
			.param("before", before.toEpochMilli())
			.update();
	}

}
