package dev.vigil.database;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Database checks requested and their outcomes. */
@Repository
class DatabaseCheckRepository {

	private final JdbcClient jdbc;

	DatabaseCheckRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A check as stored. */
	record Row(long id, CheckKind kind, UUID jobId, @Nullable Long requestedBy, Instant requestedAt,
			@Nullable Instant startedAt, @Nullable Instant finishedAt, String outcome, String result) {

		boolean finished() {
			return this.finishedAt != null;
		}

	}

	private static final RowMapper<Row> ROW = (rs, n) -> new Row(rs.getLong("id"),
			CheckKind.valueOf(rs.getString("kind").toUpperCase(java.util.Locale.ROOT)),
			UUID.fromString(rs.getString("job_id")), number(rs.getObject("requested_by")),
			Instant.ofEpochMilli(rs.getLong("requested_at")), instant(rs.getObject("started_at")),
			instant(rs.getObject("finished_at")), rs.getString("outcome"), rs.getString("result"));

	private static @Nullable Long number(@Nullable Object value) {
		return (value != null) ? ((Number) value).longValue() : null;
	}

	private static @Nullable Instant instant(@Nullable Object millis) {
		return (millis != null) ? Instant.ofEpochMilli(((Number) millis).longValue()) : null;
	}

	/**
	 * Inserts a queued check; empty when another check is unfinished (the unique index
	 * decides, so two requests at once cannot both pass).
	 */
	Optional<Long> insertQueued(CheckKind kind, UUID jobId, @Nullable Long requestedBy, Instant now) {
		KeyHolder key = new GeneratedKeyHolder();
		try {
			this.jdbc.sql("""
					INSERT INTO database_checks (kind, job_id, requested_by, requested_at, outcome)
					VALUES (:kind, :job, :by, :now, 'queued')
					""")
				.param("kind", kind.id())
				.param("job", jobId.toString())
				.param("by", requestedBy)
				.param("now", now.toEpochMilli())
				// The id column named: PostgreSQL's driver would return every column.
				.update(key, "id");
		}
		catch (DuplicateKeyException ex) {
			return Optional.empty();
		}
		return Optional.of(key.getKeyAs(Number.class).longValue());
	}

	Optional<Row> find(long id) {
		return this.jdbc.sql("SELECT * FROM database_checks WHERE id = :id").param("id", id).query(ROW).optional();
	}

	Optional<Row> unfinished() {
		return this.jdbc.sql("SELECT * FROM database_checks WHERE finished_at IS NULL").query(ROW).optional();
	}

	/** Newest first. */
	List<Row> recent(int limit) {
		return this.jdbc.sql("SELECT * FROM database_checks ORDER BY id DESC LIMIT :limit")
			.param("limit", limit)
			.query(ROW)
			.list();
	}

	/** The newest check of each kind. */
	List<Row> lastOfEachKind() {
		return this.jdbc.sql("""
				SELECT * FROM database_checks
				WHERE id IN (SELECT max(id) FROM database_checks GROUP BY kind)
				ORDER BY kind
				""").query(ROW).list();
	}

	/** Marks an unfinished check running; false if it has finished meanwhile. */
	boolean start(long id, Instant now) {
		return this.jdbc.sql("""
				UPDATE database_checks SET started_at = :now, outcome = 'running'
				WHERE id = :id AND finished_at IS NULL
				""").param("id", id).param("now", now.toEpochMilli()).update() == 1;
	}

	/** Records the outcome of an unfinished check; false if it had finished already. */
	boolean finish(long id, String outcome, String result, Instant now) {
		return this.jdbc.sql("""
				UPDATE database_checks SET finished_at = :now, outcome = :outcome, result = :result
				WHERE id = :id AND finished_at IS NULL
				""")
			.param("id", id)
			.param("now", now.toEpochMilli())
			.param("outcome", outcome)
			.param("result", result)
			.update() == 1;
	}

}
