package dev.vigil.notifications;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.vigil.storage.Database;
import dev.vigil.web.ListQuery;

@Repository
class NotificationRepository {

	private final JdbcClient jdbc;

	private final Database database;

	NotificationRepository(JdbcClient jdbc, Database database) {
		this.jdbc = jdbc;
		this.database = database;
	}

	/**
	 * @param data JSON object text, or null
	 */
	record Notification(long id, long adminId, String type, String title, String message, @Nullable String data,
			@Nullable Instant readAt, Instant createdAt) {
	}

	private static final RowMapper<Notification> NOTIFICATION = (rs, n) -> new Notification(rs.getLong("id"),
			rs.getLong("admin_id"), rs.getString("type"), rs.getString("title"), rs.getString("message"),
			rs.getString("data"),
			(rs.getObject("read_at") != null) ? Instant.ofEpochMilli(rs.getLong("read_at")) : null,
			Instant.ofEpochMilli(rs.getLong("created_at")));

	private static final String UNREAD_ONLY = " AND (:unread = 0 OR read_at IS NULL)";

	/** The advisory lock key of {@link #commitInIdOrder}: "vigil" and 1. */
	private static final long ID_ORDER_LOCK = 0x76_69_67_69_6C_01L;

	/**
	 * On PostgreSQL, holds a cluster-wide lock until this transaction ends, so that
	 * notification ids commit in id order across instances: a reader that sees an id then
	 * sees every lower one (resume and catch-up read "ids after N"). SQLite has one
	 * writer anyway.
	 */
	void commitInIdOrder() {
		if (!this.database.isSqlite()) {
			this.jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", ID_ORDER_LOCK).query().listOfRows();
		}
	}

	Notification insert(long adminId, String type, String title, String message, @Nullable String data) {
		return this.jdbc.sql("""
				INSERT INTO notifications (admin_id, type, title, message, data, created_at)
				VALUES (:adminId, :type, :title, :message, :data, :now) RETURNING *
				""")
			.param("adminId", adminId)
			.param("type", type)
			.param("title", title)
			.param("message", message)
			.param("data", data)
			.param("now", System.currentTimeMillis())
			.query(NOTIFICATION)
			.single();
	}

	Optional<Notification> find(long adminId, long id) {
		return this.jdbc.sql("SELECT * FROM notifications WHERE id = :id AND admin_id = :adminId")
			.param("id", id)
			.param("adminId", adminId)
			.query(NOTIFICATION)
			.optional();
	}

	List<Notification> find(long adminId, boolean unreadOnly, ListQuery query) {
		return this.jdbc
			.sql("SELECT * FROM notifications WHERE admin_id = :adminId" + UNREAD_ONLY + " ORDER BY " + query.orderBy()
					+ (query.orderBy().endsWith("ASC") ? ", id ASC" : ", id DESC") + " LIMIT :limit OFFSET :offset")
			.param("adminId", adminId)
			.param("unread", unreadOnly ? 1 : 0)
			.param("limit", query.limit())
			.param("offset", query.offset())
			.query(NOTIFICATION)
			.list();
	}

	long count(long adminId, boolean unreadOnly) {
		if (unreadOnly) {
			return unread(adminId);
		}
		return this.jdbc.sql("SELECT count(*) FROM notifications WHERE admin_id = :adminId")
			.param("adminId", adminId)
			.query(Long.class)
			.single();
	}

	/** O(1): the count the database's triggers keep (V3 migration). */
	long unread(long adminId) {
		return this.jdbc.sql("SELECT coalesce((SELECT unread FROM notification_unread WHERE admin_id = :adminId), 0)")
			.param("adminId", adminId)
			.query(Long.class)
			.single();
	}

	/** Notifications after {@code afterId} in id order, at most {@code limit}. */
	List<Notification> after(long adminId, long afterId, int limit) {
		return this.jdbc
			.sql("SELECT * FROM notifications WHERE admin_id = :adminId AND id > :afterId ORDER BY id LIMIT :limit")
			.param("adminId", adminId)
			.param("afterId", afterId)
			.param("limit", limit)
			.query(NOTIFICATION)
			.list();
	}

	/**
	 * The highest id ever issued (deleted rows included): a cursor beyond it is not ours.
	 */
	long lastId() {
		String sql = this.database.isSqlite()
				? "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'notifications'), 0)"
				: "SELECT coalesce(pg_sequence_last_value(pg_get_serial_sequence('notifications', 'id')), 0)";
		return this.jdbc.sql(sql).query(Long.class).single();
	}

	boolean markRead(long adminId, long id) {
		return this.jdbc
			.sql("UPDATE notifications SET read_at = :now WHERE id = :id AND admin_id = :adminId AND read_at IS NULL")
			.param("id", id)
			.param("adminId", adminId)
			.param("now", System.currentTimeMillis())
			.update() == 1;
	}

	int markAllRead(long adminId) {
		return this.jdbc.sql("UPDATE notifications SET read_at = :now WHERE admin_id = :adminId AND read_at IS NULL")
			.param("adminId", adminId)
			.param("now", System.currentTimeMillis())
			.update();
	}

	List<Long> delete(long adminId, Collection<Long> ids) {
		return this.jdbc.sql("DELETE FROM notifications WHERE admin_id = :adminId AND id IN (:ids) RETURNING id")
			.param("adminId", adminId)
			.param("ids", ids)
			.query(Long.class)
			.list();
	}

	int deleteReadBefore(long epochMillis) {
		return this.jdbc.sql("DELETE FROM notifications WHERE read_at IS NOT NULL AND created_at < :before")
			.param("before", epochMillis)
			.update();
	}

}
