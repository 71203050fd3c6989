package dev.vigil.email;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Email preferences and the delivery record. */
@Repository
class EmailRepository {

	record Delivery(long id, long notificationId, long adminId, String address, String type, String title,
			String message, Instant notifiedAt, String status, int attempts, @Nullable String lastError,
			Instant createdAt, Instant updatedAt, @Nullable Instant sentAt) {
	}

	record NewDelivery(long notificationId, long adminId, String address, String type, String title, String message,
			Instant notifiedAt) {
	}

	private static final RowMapper<Delivery> DELIVERY = (rs, n) -> new Delivery(rs.getLong("id"),
			rs.getLong("notification_id"), rs.getLong("admin_id"), rs.getString("address"), rs.getString("type"),
			rs.getString("title"), rs.getString("message"), Instant.ofEpochMilli(rs.getLong("notified_at")),
			rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"),
			Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")),
			(rs.getObject("sent_at") != null) ? Instant.ofEpochMilli(rs.getLong("sent_at")) : null);

	private final JdbcClient jdbc;

	EmailRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The notification types this admin gets by email (none without a row). */
	Set<String> types(long adminId) {
		return this.jdbc.sql("SELECT types FROM email_preferences WHERE admin_id = :id")
			.param("id", adminId)
			.query(String.class)
			.optional()
			.map(EmailRepository::split)
			.orElseGet(TreeSet::new);
	}

	/** The chosen types of those of these admins who chose any. */
	Map<Long, Set<String>> types(Collection<Long> adminIds) {
		Map<Long, Set<String>> types = new HashMap<>();
		if (adminIds.isEmpty()) {
			return types;
		}
		this.jdbc.sql("SELECT admin_id, types FROM email_preferences WHERE admin_id IN (:ids) AND types <> ''")
			.param("ids", adminIds)
			.query((rs) -> {
				types.put(rs.getLong("admin_id"), split(rs.getString("types")));
			});
		return types;
	}

	void saveTypes(long adminId, Collection<String> types, Instant now) {
		this.jdbc.sql("""
				INSERT INTO email_preferences (admin_id, types, updated_at) VALUES (:id, :types, :now)
				ON CONFLICT (admin_id) DO UPDATE SET types = excluded.types, updated_at = excluded.updated_at
				""")
			.param("id", adminId)
			.param("types", String.join(",", new TreeSet<>(types)))
			.param("now", now.toEpochMilli())
			.update();
	}

	long insert(NewDelivery delivery, Instant now) {
		return this.jdbc.sql("""
				INSERT INTO email_deliveries (notification_id, admin_id, address, type, title, message, notified_at,
				                              status, attempts, created_at, updated_at)
				VALUES (:notification, :admin, :address, :type, :title, :message, :notified, 'queued', 0, :now, :now)
				RETURNING id
				""")
			.param("notification", delivery.notificationId())
			.param("admin", delivery.adminId())
			.param("address", delivery.address())
			.param("type", delivery.type())
			.param("title", delivery.title())
			.param("message", delivery.message())
			.param("notified", delivery.notifiedAt().toEpochMilli())
			.param("now", now.toEpochMilli())
			.query(Long.class)
			.single();
	}

	Optional<Delivery> find(long id) {
		return this.jdbc.sql("SELECT * FROM email_deliveries WHERE id = :id")
			.param("id", id)
			.query(DELIVERY)
			.optional();
	}

	/** This admin's deliveries, newest first. */
	List<Delivery> recent(long adminId, int limit) {
		return this.jdbc.sql("SELECT * FROM email_deliveries WHERE admin_id = :admin ORDER BY id DESC LIMIT :limit")
			.param("admin", adminId)
			.param("limit", limit)
			.query(DELIVERY)
			.list();
	}

	long count(long adminId) {
		return this.jdbc.sql("SELECT count(*) FROM email_deliveries WHERE admin_id = :admin")
			.param("admin", adminId)
			.query(Long.class)
			.single();
	}

	/**
	 * Records an attempt's outcome: {@code sent}, {@code failed}, or still
	 * {@code queued}.
	 */
	void attempted(long id, int attempts, String status, @Nullable String error, Instant now) {
		this.jdbc.sql("""
				UPDATE email_deliveries
				SET status = :status, attempts = :attempts, last_error = :error, updated_at = :now,
				    sent_at = CASE WHEN :status = 'sent' THEN :now ELSE sent_at END
				WHERE id = :id
				""")
			.param("id", id)
			.param("status", status)
			.param("attempts", attempts)
			.param("error", error)
			.param("now", now.toEpochMilli())
			.update();
	}

	/**
	 * Keeps this admin's newest {@code keep} deliveries (and any still queued), so the
	 * record stays small without a purge job.
	 */
	int trim(long adminId, int keep) {
		return this.jdbc.sql("""
				DELETE FROM email_deliveries
				WHERE admin_id = :admin AND status <> 'queued'
				  AND id < (SELECT min(id) FROM (SELECT id FROM email_deliveries WHERE admin_id = :admin
				                                 ORDER BY id DESC LIMIT :keep) AS newest)
				""").param("admin", adminId).param("keep", keep).update();
	}

	private static Set<String> split(String types) {
		Set<String> set = new TreeSet<>();
		Arrays.stream(types.split(",")).map(String::trim).filter((t) -> !t.isEmpty()).forEach(set::add);
		return set;
	}

}
