package dev.vigil.audit;

import java.sql.DatabaseMetaData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;

import dev.vigil.web.ListQuery;

@Repository
class AuditRepository {

	private final JdbcClient jdbc;

	/**
	 * Read from the connection, not from storage's Database bean: storage depends on
	 * audit.
	 */
	private final boolean sqlite;

	AuditRepository(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.sqlite = isSqlite(dataSource);
	}

	private static boolean isSqlite(DataSource dataSource) {
		try {
			return "SQLite"
				.equals(JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("cannot tell which database this is", ex);
		}
	}

	record NewEntry(@Nullable Long adminId, String action, String entityType, String entityId, String details,
			String ip, String requestId) {
	}

	record Entry(long id, @Nullable Long adminId, String action, String entityType, String entityId, String details,
			String ip, String requestId, Instant createdAt) {
	}

	/** Filters of the audit list; null means "any". */
	record Filter(@Nullable String action, @Nullable Long adminId, @Nullable String search, @Nullable Instant from,
			@Nullable Instant to) {
	}

	/** Inserts an entry; returns its id. */
	long insert(NewEntry entry) {
		return this.jdbc.sql("""
				INSERT INTO audit_log (admin_id, action, entity_type, entity_id, details, ip, request_id, created_at)
				VALUES (:adminId, :action, :entityType, :entityId, :details, :ip, :requestId, :now)
				RETURNING id
				""")
			.param("adminId", entry.adminId())
			.param("action", entry.action())
			.param("entityType", entry.entityType())
			.param("entityId", entry.entityId())
			.param("details", entry.details())
			.param("ip", entry.ip())
			.param("requestId", entry.requestId())
			.param("now", System.currentTimeMillis())
			.query(Long.class)
			.single();
	}

	/** Up to {@code limit} entries with an id above {@code afterId}, in id order. */
	List<Entry> after(long afterId, int limit) {
		return this.jdbc.sql("""
				SELECT id, admin_id, action, entity_type, entity_id, details, ip, request_id, created_at
				FROM audit_log WHERE id > :after ORDER BY id LIMIT :limit
				""")
			.param("after", afterId)
			.param("limit", limit)
			.query((rs, n) -> new Entry(rs.getLong(1), (rs.getObject(2) != null) ? rs.getLong(2) : null,
					rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
					rs.getString(8), Instant.ofEpochMilli(rs.getLong(9))))
			.list();
	}

	/** How many entries have an id above {@code afterId}. */
	long countAfter(long afterId) {
		return this.jdbc.sql("SELECT count(*) FROM audit_log WHERE id > :after")
			.param("after", afterId)
			.query(Long.class)
			.single();
	}

	/**
	 * The highest id ever given to an entry (SQLite's AUTOINCREMENT counter: deleted
	 * entries' ids included); 0 before the first.
	 */
	long highestIdGiven() {
		return this.jdbc
			.sql(this.sqlite ? "SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = 'audit_log'"
					: "SELECT coalesce(pg_sequence_last_value(pg_get_serial_sequence('audit_log', 'id')), 0)")
			.query(Long.class)
			.single();
	}

	/** Makes the next entry's id greater than {@code id}, whatever this database held. */
	void reserveIdsUpTo(long id) {
		if (!this.sqlite) {
			// A sequence only moves forward here (setval is not undone by a rollback).
			this.jdbc.sql("""
					SELECT setval(pg_get_serial_sequence('audit_log', 'id'), :id)
					WHERE :id > coalesce(pg_sequence_last_value(pg_get_serial_sequence('audit_log', 'id')), 0)
					""").param("id", id).query(Long.class).optional();
			return;
		}
		if (this.jdbc.sql("UPDATE sqlite_sequence SET seq = max(seq, :id) WHERE name = 'audit_log'")
			.param("id", id)
			.update() == 0 && id > 0) {
			this.jdbc.sql("INSERT INTO sqlite_sequence (name, seq) VALUES ('audit_log', :id)").param("id", id).update();
		}
	}

	List<Entry> find(Filter filter, ListQuery query) {
		Where where = where(filter);
		return this.jdbc.sql("""
				SELECT l.id, l.admin_id, l.action, l.entity_type, l.entity_id, l.details, l.ip, l.request_id,
				       l.created_at
				FROM audit_log l
				""" + where.sql + " ORDER BY " + query.orderBy() + ", l.id DESC LIMIT :limit OFFSET :offset")
			.params(where.params)
			.param("limit", query.limit())
			.param("offset", query.offset())
			.query((rs, n) -> new Entry(rs.getLong(1), (rs.getObject(2) != null) ? rs.getLong(2) : null,
					rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
					rs.getString(8), Instant.ofEpochMilli(rs.getLong(9))))
			.list();
	}

	int deleteBefore(long epochMillis) {
		return this.jdbc.sql("DELETE FROM audit_log WHERE created_at < :before").param("before", epochMillis).update();
	}

	long count(Filter filter) {
		Where where = where(filter);
		return this.jdbc.sql("SELECT count(*) FROM audit_log l" + where.sql)
			.params(where.params)
			.query(Long.class)
			.single();
	}

	private record Where(String sql, Map<String, Object> params) {
	}

	private static Where where(Filter filter) {
		List<String> clauses = new ArrayList<>();
		Map<String, Object> params = new LinkedHashMap<>();
		if (filter.action() != null) {
			clauses.add("l.action = :action");
			params.put("action", filter.action());
		}
		if (filter.adminId() != null) {
			clauses.add("l.admin_id = :adminId");
			params.put("adminId", filter.adminId());
		}
		if (filter.search() != null) {
			// Case-insensitive on both databases (PostgreSQL's LIKE is not).
			clauses.add("(lower(l.details) LIKE :search ESCAPE '\\' OR lower(l.action) LIKE :search ESCAPE '\\')");
			params.put("search",
					"%" + filter.search()
						.toLowerCase(Locale.ROOT)
						.replace("\\", "\\\\")
						.replace("%", "\\%")
						.replace("_", "\\_") + "%");
		}
		if (filter.from() != null) {
			clauses.add("l.created_at >= :from");
			params.put("from", filter.from().toEpochMilli());
		}
		if (filter.to() != null) {
			clauses.add("l.created_at <= :to");
			params.put("to", filter.to().toEpochMilli());
		}
		return new Where(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), params);
	}

}
