package dev.vigil.webhooks;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import dev.vigil.web.ListQuery;

/** The webhooks and their delivery log. */
@Repository
class WebhookRepository {

	private final JdbcClient jdbc;

	WebhookRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	record Webhook(long id, String name, String url, String secret, List<String> types, List<String> audiences,
			String format, boolean enabled, int consecutiveFailures, @Nullable Instant alertedAt, Instant createdAt,
			Instant updatedAt) {
	}

	/** What an endpoint is set to receive, as created or updated. */
	record Settings(String name, String url, List<String> types, List<String> audiences, String format) {
	}

	record Delivery(String id, long webhookId, String event, String summary, String payload, boolean alert,
			String status, int attempts, @Nullable Integer responseCode, @Nullable Long durationMs,
			@Nullable String error, @Nullable Instant nextAttemptAt, @Nullable Instant deliveredAt, Instant createdAt,
			Instant updatedAt) {
	}

	/** The outcome of one attempt. */
	record Outcome(String status, @Nullable Integer responseCode, long durationMs, @Nullable String error,
			@Nullable Instant nextAttemptAt) {
	}

	private static final RowMapper<Webhook> WEBHOOK = (rs, n) -> new Webhook(rs.getLong("id"), rs.getString("name"),
			rs.getString("url"), rs.getString("secret"), list(rs.getString("types")), list(rs.getString("audiences")),
			rs.getString("format"), rs.getBoolean("enabled"), rs.getInt("consecutive_failures"),
			instant(rs.getObject("alerted_at")), Instant.ofEpochMilli(rs.getLong("created_at")),
			Instant.ofEpochMilli(rs.getLong("updated_at")));

	private static final RowMapper<Delivery> DELIVERY = (rs, n) -> new Delivery(rs.getString("id"),
			rs.getLong("webhook_id"), rs.getString("event"), rs.getString("summary"), rs.getString("payload"),
			rs.getBoolean("is_alert"), rs.getString("status"), rs.getInt("attempts"),
			(Integer) rs.getObject("response_code"), number(rs.getObject("duration_ms")), rs.getString("error"),
			instant(rs.getObject("next_attempt_at")), instant(rs.getObject("delivered_at")),
			Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));

	private static List<String> list(String value) {
		return value.isEmpty() ? List.of() : Arrays.asList(value.split(","));
	}

	private static @Nullable Long number(@Nullable Object value) {
		return (value != null) ? ((Number) value).longValue() : null;
	}

	private static @Nullable Instant instant(@Nullable Object millis) {
		return (millis != null) ? Instant.ofEpochMilli(((Number) millis).longValue()) : null;
	}

	long insert(Settings settings, String secret, Instant now) {
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO webhooks (name, url, secret, types, audiences, format, enabled, created_at, updated_at)
				VALUES (:name, :url, :secret, :types, :audiences, :format, 1, :now, :now)
				""")
			.param("name", settings.name())
			.param("url", settings.url())
			.param("secret", secret)
			.param("types", String.join(",", settings.types()))
			.param("audiences", String.join(",", settings.audiences()))
			.param("format", settings.format())
			.param("now", now.toEpochMilli())
			.update(key, "id");
		return key.getKeyAs(Number.class).longValue();
	}

	boolean update(long id, Settings settings, Instant now) {
		return this.jdbc.sql("""
				UPDATE webhooks SET name = :name, url = :url, types = :types, audiences = :audiences, format = :format,
				updated_at = :now WHERE id = :id
				""")
			.param("id", id)
			.param("name", settings.name())
			.param("url", settings.url())
			.param("types", String.join(",", settings.types()))
			.param("audiences", String.join(",", settings.audiences()))
			.param("format", settings.format())
			.param("now", now.toEpochMilli())
			.update() == 1;
	}

	boolean setSecret(long id, String secret, Instant now) {
		return this.jdbc.sql("UPDATE webhooks SET secret = :secret, updated_at = :now WHERE id = :id")
			.param("id", id)
			.param("secret", secret)
			.param("now", now.toEpochMilli())
			.update() == 1;
	}

	/** Re-enabling also forgets past failures: the endpoint starts afresh. */
	boolean setEnabled(long id, boolean enabled, Instant now) {
		return this.jdbc.sql("""
				UPDATE webhooks SET enabled = :enabled, updated_at = :now,
				consecutive_failures = CASE WHEN :enabled = 1 THEN 0 ELSE consecutive_failures END,
				alerted_at = CASE WHEN :enabled = 1 THEN NULL ELSE alerted_at END
				WHERE id = :id
				""").param("id", id).param("enabled", enabled ? 1 : 0).param("now", now.toEpochMilli()).update() == 1;
	}

	boolean delete(long id) {
		return this.jdbc.sql("DELETE FROM webhooks WHERE id = :id").param("id", id).update() == 1;
	}

	Optional<Webhook> find(long id) {
		return this.jdbc.sql("SELECT * FROM webhooks WHERE id = :id").param("id", id).query(WEBHOOK).optional();
	}

	List<Webhook> all() {
		return this.jdbc.sql("SELECT * FROM webhooks ORDER BY id").query(WEBHOOK).list();
	}

	List<Webhook> enabled() {
		return this.jdbc.sql("SELECT * FROM webhooks WHERE enabled = 1 ORDER BY id").query(WEBHOOK).list();
	}

	/** An attempt failed: one more consecutive failure. */
	void failed(long id) {
		this.jdbc.sql("UPDATE webhooks SET consecutive_failures = consecutive_failures + 1 WHERE id = :id")
			.param("id", id)
			.update();
	}

	void succeeded(long id) {
		this.jdbc.sql("UPDATE webhooks SET consecutive_failures = 0, alerted_at = NULL WHERE id = :id")
			.param("id", id)
			.update();
	}

	/** Marks the endpoint alerted; false when it already was (this outage is known). */
	boolean markAlerted(long id, Instant now) {
		return this.jdbc.sql("UPDATE webhooks SET alerted_at = :now WHERE id = :id AND alerted_at IS NULL")
			.param("id", id)
			.param("now", now.toEpochMilli())
			.update() == 1;
	}

	void insertDelivery(String id, long webhookId, String event, String summary, String payload, boolean alert,
			Instant now) {
		this.jdbc.sql("""
				INSERT INTO webhook_deliveries (id, webhook_id, event, summary, payload, is_alert, status, attempts,
				next_attempt_at, created_at, updated_at)
				VALUES (:id, :webhook, :event, :summary, :payload, :alert, 'queued', 0, :now, :now, :now)
				""")
			.param("id", id)
			.param("webhook", webhookId)
			.param("event", event)
			.param("summary", summary)
			.param("payload", payload)
			.param("alert", alert ? 1 : 0)
			.param("now", now.toEpochMilli())
			.update();
	}

	Optional<Delivery> findDelivery(String id) {
		return this.jdbc.sql("SELECT * FROM webhook_deliveries WHERE id = :id")
			.param("id", id)
			.query(DELIVERY)
			.optional();
	}

	/**
	 * Claims attempt {@code attempt} (1-based) of a waiting delivery for the caller:
	 * false when it is not waiting for that attempt (done, or claimed by a duplicate
	 * job).
	 */
	boolean claim(String id, int attempt, Instant now) {
		return this.jdbc.sql("""
				UPDATE webhook_deliveries SET status = 'sending', updated_at = :now
				WHERE id = :id AND attempts = :previous AND status IN ('queued', 'retrying')
				""").param("id", id).param("previous", attempt - 1).param("now", now.toEpochMilli()).update() == 1;
	}

	void finishAttempt(String id, Outcome outcome, Instant now) {
		this.jdbc.sql("""
				UPDATE webhook_deliveries SET status = :status, attempts = attempts + 1, response_code = :code,
				duration_ms = :duration, error = :error, next_attempt_at = :next,
				delivered_at = CASE WHEN :status = 'delivered' THEN :now ELSE NULL END, updated_at = :now
				WHERE id = :id
				""")
			.param("id", id)
			.param("status", outcome.status())
			.param("code", outcome.responseCode())
			.param("duration", outcome.durationMs())
			.param("error", outcome.error())
			.param("next", (outcome.nextAttemptAt() != null) ? outcome.nextAttemptAt().toEpochMilli() : null)
			.param("now", now.toEpochMilli())
			.update();
	}

	/** Ends a waiting delivery without an attempt (its endpoint was disabled). */
	void abandon(String id, String error, Instant now) {
		this.jdbc.sql("""
				UPDATE webhook_deliveries SET status = 'failed', error = :error, next_attempt_at = NULL,
				updated_at = :now WHERE id = :id AND status IN ('queued', 'retrying')
				""").param("id", id).param("error", error).param("now", now.toEpochMilli()).update();
	}

	/**
	 * Deliveries whose next attempt is overdue by more than {@code before}: their job was
	 * lost (a crash between writing the row and queueing the job) or is stuck sending.
	 */
	List<Delivery> stalled(Instant before) {
		return this.jdbc.sql("""
				SELECT * FROM webhook_deliveries
				WHERE status IN ('queued', 'sending', 'retrying') AND next_attempt_at < :before
				ORDER BY next_attempt_at LIMIT 100
				""").param("before", before.toEpochMilli()).query(DELIVERY).list();
	}

	/** A delivery stuck in {@code sending} (its process died mid-attempt) waits again. */
	boolean requeue(String id, Instant now) {
		return this.jdbc.sql("""
				UPDATE webhook_deliveries SET status = CASE WHEN attempts = 0 THEN 'queued' ELSE 'retrying' END,
				next_attempt_at = :now, updated_at = :now WHERE id = :id AND status IN ('queued', 'sending', 'retrying')
				""").param("id", id).param("now", now.toEpochMilli()).update() == 1;
	}

	List<Delivery> deliveries(long webhookId, ListQuery page) {
		return this.jdbc.sql("""
				SELECT * FROM webhook_deliveries WHERE webhook_id = :webhook
				ORDER BY created_at DESC, rowid DESC LIMIT :limit OFFSET :offset
				""")
			.param("webhook", webhookId)
			.param("limit", page.limit())
			.param("offset", page.offset())
			.query(DELIVERY)
			.list();
	}

	long countDeliveries(long webhookId) {
		return this.jdbc.sql("SELECT count(*) FROM webhook_deliveries WHERE webhook_id = :webhook")
			.param("webhook", webhookId)
			.query(Long.class)
			.single();
	}

	/**
	 * Deletes finished deliveries older than {@code before}, and beyond the newest
	 * {@code keep} of each endpoint.
	 */
	int purge(Instant before, int keep) {
		int old = this.jdbc.sql("""
				DELETE FROM webhook_deliveries WHERE created_at < :before AND status IN ('delivered', 'failed')
				""").param("before", before.toEpochMilli()).update();
		int excess = this.jdbc.sql("""
				DELETE FROM webhook_deliveries WHERE status IN ('delivered', 'failed') AND rowid IN (
				  SELECT rowid FROM (
				    SELECT rowid, row_number() OVER (PARTITION BY webhook_id ORDER BY created_at DESC, rowid DESC) AS n
				    FROM webhook_deliveries)
				  WHERE n > :keep)
				""").param("keep", keep).update();
		return old + excess;
	}

}
