package dev.vigil.alerts;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Alert rules, their evaluation state and their firing history. */
@Repository
class AlertRepository {

	private final JdbcClient jdbc;

	AlertRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** What a rule is set to, as created or updated (checked by {@link AlertService}). */
	record Settings(String name, String source, List<String> levels, String pattern, String exclude, int threshold,
			int windowSeconds, int forSeconds, int cooldownSeconds, @Nullable String recipientRole,
			List<Long> recipientAdmins, boolean enabled) {
	}

	record Rule(long id, Settings settings, @Nullable Instant mutedUntil, String state, @Nullable Instant lastFiredAt,
			@Nullable Instant lastRecoveredAt, @Nullable Instant lastNotifiedAt, long fireCount,
			@Nullable Long createdBy, Instant createdAt, Instant updatedAt) {

		boolean muted(Instant now) {
			return this.mutedUntil != null && this.mutedUntil.isAfter(now);
		}

	}

	/** Where a rule's evaluation stands, as kept across restarts. */
	record State(String state, @Nullable Instant lastFiredAt, @Nullable Instant lastRecoveredAt,
			@Nullable Instant lastNotifiedAt, long fireCount) {
	}

	record Firing(long id, long ruleId, Instant firedAt, @Nullable Instant recoveredAt, long matched, long repeats,
			boolean notified) {
	}

	private static final RowMapper<Rule> RULE = (rs, n) -> new Rule(rs.getLong("id"), new Settings(rs.getString("name"),
			rs.getString("source"), strings(rs.getString("levels")), rs.getString("pattern"), rs.getString("exclude"),
			rs.getInt("threshold"), rs.getInt("window_seconds"), rs.getInt("for_seconds"),
			rs.getInt("cooldown_seconds"), rs.getString("recipient_role"),
			strings(rs.getString("recipient_admins")).stream().map(Long::valueOf).toList(), rs.getBoolean("enabled")),
			instant(rs.getObject("muted_until")), rs.getString("state"), instant(rs.getObject("last_fired_at")),
			instant(rs.getObject("last_recovered_at")), instant(rs.getObject("last_notified_at")),
			rs.getLong("fire_count"), number(rs.getObject("created_by")),
			Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));

	private static final RowMapper<Firing> FIRING = (rs, n) -> new Firing(rs.getLong("id"), rs.getLong("rule_id"),
			Instant.ofEpochMilli(rs.getLong("fired_at")), instant(rs.getObject("recovered_at")), rs.getLong("matched"),
			rs.getLong("repeats"), rs.getBoolean("notified"));

	private static List<String> strings(String value) {
		return value.isEmpty() ? List.of() : Arrays.asList(value.split(","));
	}

	private static @Nullable Long number(@Nullable Object value) {
		return (value != null) ? ((Number) value).longValue() : null;
	}

	private static @Nullable Instant instant(@Nullable Object millis) {
		return (millis != null) ? Instant.ofEpochMilli(((Number) millis).longValue()) : null;
	}

	private static @Nullable Long millis(@Nullable Instant instant) {
		return (instant != null) ? instant.toEpochMilli() : null;
	}

	private JdbcClient.StatementSpec settings(JdbcClient.StatementSpec statement, Settings settings) {
		return statement.param("name", settings.name())
			.param("source", settings.source())
			.param("levels", String.join(",", settings.levels()))
			.param("pattern", settings.pattern())
			.param("exclude", settings.exclude())
			.param("threshold", settings.threshold())
			.param("window", settings.windowSeconds())
			.param("for", settings.forSeconds())
			.param("cooldown", settings.cooldownSeconds())
			.param("role", settings.recipientRole())
			.param("admins", settings.recipientAdmins().stream().map(String::valueOf).collect(Collectors.joining(",")))
			.param("enabled", settings.enabled() ? 1 : 0);
	}

	long insert(Settings settings, @Nullable Long createdBy, Instant now) {
		KeyHolder key = new GeneratedKeyHolder();
		settings(this.jdbc.sql("""
				INSERT INTO alert_rules (name, source, levels, pattern, exclude, threshold, window_seconds, for_seconds,
				cooldown_seconds, recipient_role, recipient_admins, enabled, created_by, created_at, updated_at)
				VALUES (:name, :source, :levels, :pattern, :exclude, :threshold, :window, :for, :cooldown, :role,
				:admins, :enabled, :createdBy, :now, :now)
				"""), settings).param("createdBy", createdBy).param("now", now.toEpochMilli()).update(key, "id");
		return key.getKeyAs(Number.class).longValue();
	}

	boolean update(long id, Settings settings, Instant now) {
		return settings(this.jdbc.sql("""
				UPDATE alert_rules SET name = :name, source = :source, levels = :levels, pattern = :pattern,
				exclude = :exclude, threshold = :threshold, window_seconds = :window, for_seconds = :for,
				cooldown_seconds = :cooldown, recipient_role = :role, recipient_admins = :admins, enabled = :enabled,
				updated_at = :now WHERE id = :id
				"""), settings).param("id", id).param("now", now.toEpochMilli()).update() == 1;
	}

	boolean setMutedUntil(long id, @Nullable Instant until, Instant now) {
		return this.jdbc.sql("UPDATE alert_rules SET muted_until = :until, updated_at = :now WHERE id = :id")
			.param("id", id)
			.param("until", millis(until))
			.param("now", now.toEpochMilli())
			.update() == 1;
	}

	boolean delete(long id) {
		return this.jdbc.sql("DELETE FROM alert_rules WHERE id = :id").param("id", id).update() == 1;
	}

	Optional<Rule> find(long id) {
		return this.jdbc.sql("SELECT * FROM alert_rules WHERE id = :id").param("id", id).query(RULE).optional();
	}

	List<Rule> all() {
		return this.jdbc.sql("SELECT * FROM alert_rules ORDER BY name, id").query(RULE).list();
	}

	void saveState(long id, State state) {
		this.jdbc.sql("""
				UPDATE alert_rules SET state = :state, last_fired_at = :fired, last_recovered_at = :recovered,
				last_notified_at = :notified, fire_count = :count WHERE id = :id
				""")
			.param("id", id)
			.param("state", state.state())
			.param("fired", millis(state.lastFiredAt()))
			.param("recovered", millis(state.lastRecoveredAt()))
			.param("notified", millis(state.lastNotifiedAt()))
			.param("count", state.fireCount())
			.update();
	}

	long insertFiring(long ruleId, Instant firedAt, long matched, boolean notified) {
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO alert_firings (rule_id, fired_at, matched, repeats, notified)
				VALUES (:rule, :fired, :matched, 0, :notified)
				""")
			.param("rule", ruleId)
			.param("fired", firedAt.toEpochMilli())
			.param("matched", matched)
			.param("notified", notified ? 1 : 0)
			.update(key, "id");
		return key.getKeyAs(Number.class).longValue();
	}

	void updateFiring(long id, long matched, long repeats, @Nullable Instant recoveredAt) {
		this.jdbc.sql("""
				UPDATE alert_firings SET matched = :matched, repeats = :repeats, recovered_at = :recovered
				WHERE id = :id
				""")
			.param("id", id)
			.param("matched", matched)
			.param("repeats", repeats)
			.param("recovered", millis(recoveredAt))
			.update();
	}

	/** Keeps the newest {@code keep} firings of a rule. */
	void prune(long ruleId, int keep) {
		this.jdbc.sql("""
				DELETE FROM alert_firings WHERE rule_id = :rule AND id NOT IN
				(SELECT id FROM alert_firings WHERE rule_id = :rule ORDER BY id DESC LIMIT :keep)
				""").param("rule", ruleId).param("keep", keep).update();
	}

	/** A rule's firings, newest first. */
	List<Firing> firings(long ruleId, int limit) {
		return this.jdbc.sql("SELECT * FROM alert_firings WHERE rule_id = :rule ORDER BY id DESC LIMIT :limit")
			.param("rule", ruleId)
			.param("limit", limit)
			.query(FIRING)
			.list();
	}

	/** Each rule's newest firing, by rule id. */
	Map<Long, Firing> lastFirings() {
		Map<Long, Firing> last = new HashMap<>();
		this.jdbc.sql("""
				SELECT * FROM alert_firings WHERE id IN (SELECT MAX(id) FROM alert_firings GROUP BY rule_id)
				""").query(FIRING).list().forEach((f) -> last.put(f.ruleId(), f));
		return last;
	}

}
