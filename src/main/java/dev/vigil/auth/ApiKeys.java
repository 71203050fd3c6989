package dev.vigil.auth;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import dev.vigil.audit.AuditLog;
import dev.vigil.auth.ApiKeyRepository.ApiKey;
import dev.vigil.auth.SessionRevoked.Reason;
import dev.vigil.cluster.SharedBuckets;

/**
 * API keys: created by superadmins, shown once, stored as a SHA-256 hash (a key carries
 * 256 random bits, so a slow hash would add nothing but latency). A key acts for the
 * admin who created it, with its own scopes, and its streams are tracked under the
 * session id {@code key:<id>} so that revocation and expiry close them exactly as they
 * close a session's.
 */
@Service
public class ApiKeys {

	static final String PREFIX = "vgl_";

	private static final Pattern FORMAT = Pattern.compile("vgl_[0-9a-f]{64}");

	/** Characters of a key shown in lists (the fixed prefix and 8 of its hex digits). */
	private static final int VISIBLE = PREFIX.length() + 8;

	/**
	 * The scopes a key may carry, each with the role scope its creator must hold (null:
	 * every role's).
	 */
	static final Map<String, @Nullable String> SCOPES = scopes();

	private static final Duration USE_RECORD_INTERVAL = Duration.ofSeconds(30);

	private static final Duration REFUSAL_AUDIT_INTERVAL = Duration.ofMinutes(1);

	/**
	 * A key's use is audited once an hour per address: who used which key from where,
	 * without a row per request.
	 */
	private static final Duration USE_AUDIT_INTERVAL = Duration.ofHours(1);

	private final ApiKeyRepository repository;

	private final AdminAccounts accounts;

	private final Roles roles;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final RateLimiter limiter;

	/**
	 * Last use written per key: a busy key updates its row twice a minute, not per
	 * request.
	 */
	private final Map<Long, Use> lastRecordedUse = new ConcurrentHashMap<>();

	/**
	 * A flood of bad keys audits each reason and origin once a minute, not per request.
	 */
	private final Map<String, Instant> lastAuditedRefusal = new ConcurrentHashMap<>();

	/** When each key was last audited as used from each address. */
	private final Map<String, Instant> lastAuditedUse = new ConcurrentHashMap<>();

	private Instant checkedUntil;

	/** Drops what was remembered about keys of a database that has been replaced. */
	void forgetRememberedUses() {
		this.lastRecordedUse.clear();
		this.lastAuditedRefusal.clear();
		this.lastAuditedUse.clear();
	}

	ApiKeys(ApiKeyRepository repository, AdminAccounts accounts, Roles roles, AuditLog audit,
			ApplicationEventPublisher events, Clock clock, ApiKeyProperties properties, SharedBuckets buckets) {
		this.roles = roles;
		this.limiter = new RateLimiter("api-key", properties.rateLimit(), buckets);
		this.repository = repository;
		this.accounts = accounts;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
		this.checkedUntil = clock.instant();
	}

	private static Map<String, @Nullable String> scopes() {
		Map<String, @Nullable String> scopes = new LinkedHashMap<>();
		scopes.put(Scopes.KEY_NOTIFICATIONS_SEND, Scopes.NOTIFICATIONS);
		scopes.put(Scopes.KEY_NOTIFICATIONS_READ, null);
		scopes.put(Scopes.KEY_LOGS_READ, Scopes.LOGS);
		scopes.put(Scopes.KEY_DASHBOARD_READ, null);
		return scopes;
	}

	/** A new key and its secret, which is not kept and cannot be shown again. */
	record Created(ApiKey key, String secret) {
	}

	Created create(CurrentAdmin creator, String name, List<String> scopes, @Nullable Instant expiresAt) {
		String secret = PREFIX + SessionService.randomHex(32);
		long id = this.repository.insert(name, secret.substring(0, VISIBLE), SessionService.sha256(secret), scopes,
				creator.id(), this.clock.instant(), expiresAt);
		ApiKey key = this.repository.find(id).orElseThrow();
		this.audit.record("api_key.create", "api_key", id, name + " [" + String.join(" ", scopes) + "]");
		return new Created(key, secret);
	}

	List<ApiKey> list() {
		return this.repository.findAll();
	}

	Optional<ApiKey> find(long id) {
		return this.repository.find(id);
	}

	/** Revokes a live key and closes its streams; false when it was already revoked. */
	boolean revoke(ApiKey key) {
		if (!this.repository.revoke(key.id(), this.clock.instant())) {
			return false;
		}
		this.audit.record("api_key.revoke", "api_key", key.id(), key.name());
		this.events.publishEvent(new SessionRevoked(sessionId(key.id()), key.adminId(), Reason.REVOKED));
		return true;
	}

	/** The outcome of presenting a key: the principal, or why it was refused. */
	sealed interface Result {

		record Accepted(CurrentAdmin principal) implements Result {
		}

		record Refused(String reason) implements Result {
		}

	}

	/**
	 * Checks a presented key (from {@code Authorization: Bearer}); a refusal is audited
	 * and its reason never repeats the key.
	 */
	Result authenticate(String presented, String ip) {
		if (!FORMAT.matcher(presented).matches()) {
			return refused("malformed API key", null, ip);
		}
		Optional<ApiKey> found = this.repository.findByHash(SessionService.sha256(presented));
		if (found.isEmpty()) {
			return refused("unknown API key", null, ip);
		}
		ApiKey key = found.get();
		Instant now = this.clock.instant();
		String problem = problem(key, now);
		if (problem != null) {
			return refused(problem, key, ip);
		}
		recordUse(key, now, ip);
		// The key's own scopes; the log sources its owner's role allows now.
		String role = this.accounts.findById(key.adminId()).map(AdminAccounts.Account::role).orElse("");
		return new Result.Accepted(new CurrentAdmin(key.adminId(), sessionId(key.id()), role, key.scopes(),
				this.roles.logSourcesOf(role)));
	}

	/** Whether the key behind a stream's session id is still usable. */
	boolean isActive(String sessionId) {
		Long id = keyId(sessionId);
		return id != null
				&& this.repository.find(id).map((key) -> problem(key, this.clock.instant()) == null).orElse(false);
	}

	static boolean isKeySession(String sessionId) {
		return sessionId.startsWith(CurrentAdmin.KEY_SESSION_PREFIX);
	}

	/**
	 * Spends one request of the key's per-minute budget; when it is spent, answers 429
	 * and returns false.
	 */
	boolean admit(CurrentAdmin key, HttpServletRequest request, HttpServletResponse response) throws IOException {
		return this.limiter.admit(key.sessionId(), request, response);
	}

	@Scheduled(fixedDelay = 5, timeUnit = TimeUnit.MINUTES)
	void evictIdleBudgets() {
		this.limiter.evictIdle();
	}

	/** Closes the streams of keys reaching their expiry (as sessions' do). */
	@Scheduled(fixedDelay = 1, timeUnit = TimeUnit.SECONDS)
	synchronized void announceExpired() {
		Instant now = this.clock.instant();
		for (ApiKey key : this.repository.expiredBetween(this.checkedUntil, now)) {
			this.events.publishEvent(new SessionRevoked(sessionId(key.id()), key.adminId(), Reason.EXPIRED));
		}
		this.checkedUntil = now;
	}

	/**
	 * A deactivated admin's keys stop working: their streams close with the sessions'.
	 */
	@EventListener
	void onSessionRevoked(SessionRevoked event) {
		if (event.reason() == Reason.ACCOUNT_DISABLED && !isKeySession(event.sessionId())) {
			for (ApiKey key : this.repository.findByAdmin(event.adminId())) {
				this.events
					.publishEvent(new SessionRevoked(sessionId(key.id()), key.adminId(), Reason.ACCOUNT_DISABLED));
			}
		}
	}

	private @Nullable String problem(ApiKey key, Instant now) {
		if (key.revokedAt() != null) {
			return "API key revoked";
		}
		if (key.expired(now)) {
			return "API key expired";
		}
		if (!this.accounts.findById(key.adminId()).map(AdminAccounts.Account::active).orElse(false)) {
			return "API key's admin is deactivated";
		}
		return null;
	}

	private Result refused(String reason, @Nullable ApiKey key, String ip) {
		Instant now = this.clock.instant();
		String origin = reason + "|" + ((key != null) ? "key " + key.id() : ip);
		Instant last = this.lastAuditedRefusal.get(origin);
		if (last == null || !last.plus(REFUSAL_AUDIT_INTERVAL).isAfter(now)) {
			if (this.lastAuditedRefusal.size() > 10_000) {
				this.lastAuditedRefusal.clear();
			}
			this.lastAuditedRefusal.put(origin, now);
			this.audit.recordAs((key != null) ? key.adminId() : null, "api_key.refused", "api_key",
					(key != null) ? key.id() : null,
					(key != null) ? reason + " (" + key.prefix() + "…, " + key.name() + ")" : reason);
		}
		return new Result.Refused(reason);
	}

	private void recordUse(ApiKey key, Instant now, String ip) {
		Use last = this.lastRecordedUse.get(key.id());
		if (last == null || !last.ip().equals(ip) || !last.at().plus(USE_RECORD_INTERVAL).isAfter(now)) {
			this.lastRecordedUse.put(key.id(), new Use(now, ip));
			this.repository.used(key.id(), now, ip);
		}
		String origin = key.id() + "|" + ip;
		Instant audited = this.lastAuditedUse.get(origin);
		if (audited == null || !audited.plus(USE_AUDIT_INTERVAL).isAfter(now)) {
			if (this.lastAuditedUse.size() > 10_000) {
				this.lastAuditedUse.clear();
			}
			this.lastAuditedUse.put(origin, now);
			this.audit.recordAs(key.adminId(), "api_key.used", "api_key", key.id(),
					key.name() + " (" + key.prefix() + "…)");
		}
	}

	private record Use(Instant at, String ip) {
	}

	private static String sessionId(long keyId) {
		return CurrentAdmin.KEY_SESSION_PREFIX + keyId;
	}

	private static @Nullable Long keyId(String sessionId) {
		if (!isKeySession(sessionId)) {
			return null;
		}
		try {
			return Long.valueOf(sessionId.substring(CurrentAdmin.KEY_SESSION_PREFIX.length()));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
