package dev.vigil.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.util.function.SingletonSupplier;

import dev.vigil.audit.AuditLog;
import dev.vigil.storage.DatabaseRestored;

import dev.vigil.auth.AdminAccounts.Account;
import dev.vigil.auth.SessionRevoked.Reason;

/**
 * Sessions: one row per login, holding the SHA-256 of the current refresh token and of
 * the one before it. Refreshing rotates the token; presenting the previous one again
 * means it was stolen or replayed, and the whole session is revoked (reuse detection) —
 * unless it comes within the refresh grace of the rotation, when it is answered with the
 * token that replaced it.
 */
@Service
public class SessionService {

	private static final Logger log = LoggerFactory.getLogger(SessionService.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final int BCRYPT_MAX_BYTES = 72;

	/** The sign-in method of a password (and second factor) session. */
	static final String PASSWORD = "password";

	private final SessionRepository sessions;

	private final AdminAccounts accounts;

	private final PasswordEncoder passwordEncoder;

	private final AccessTokens accessTokens;

	private final RefreshTokens refreshTokens;

	private final KnownDeviceRepository devices;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	/** Streams opened with an API key are tracked under a session id of the key's. */
	private final ApiKeys apiKeys;

	private final List<RefreshCheck> refreshChecks;

	private final AuditLog audit;

	private final Duration refreshTtl;

	private final Duration refreshGrace;

	/**
	 * Compared against when the email is unknown, so both failures take the same time.
	 * Hashed in the background once the server is ready (or by the first login that needs
	 * it before then): a bcrypt hash on a cold JVM is a noticeable part of the start.
	 */
	private final SingletonSupplier<String> dummyHash;

	SessionService(SessionRepository sessions, AdminAccounts accounts, PasswordEncoder passwordEncoder,
			AccessTokens accessTokens, RefreshTokens refreshTokens, KnownDeviceRepository devices,
			ApplicationEventPublisher events, Clock clock, AuthProperties properties, ApiKeys apiKeys,
			List<RefreshCheck> refreshChecks, AuditLog audit) {
		this.audit = audit;
		this.sessions = sessions;
		this.refreshChecks = refreshChecks;
		this.apiKeys = apiKeys;
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.accessTokens = accessTokens;
		this.refreshTokens = refreshTokens;
		this.devices = devices;
		this.events = events;
		this.clock = clock;
		this.refreshTtl = properties.refreshTokenTtl();
		this.refreshGrace = properties.refreshGrace();
		this.dummyHash = SingletonSupplier.of(() -> passwordEncoder.encode(randomHex(16)));
	}

	// Off the main thread: readiness (and so /actuator/health) is announced only after
	// the ready listeners return.
	@EventListener(ApplicationReadyEvent.class)
	void hashDummyPassword() {
		CompletableFuture.runAsync(this.dummyHash::obtain);
	}

	/** A fresh access token and refresh token for a session. */
	record Issued(Account account, String sessionId, String accessToken, String refreshToken) {
	}

	/** Why a refresh failed, for the 401 message. */
	static final class Refused extends Exception {

		Refused(String message) {
			super(message, null, false, false);
		}

	}

	/**
	 * The account when the credentials match an active one. A failure is logged with the
	 * account's id when the email is one, and nothing of the email field otherwise: the
	 * log is read by every viewer, and what is typed there is sometimes a password.
	 */
	Optional<Account> checkPassword(String email, String password, String ip) {
		Optional<Account> found = this.accounts.findByEmail(email);
		// bcrypt compares only the first 72 bytes, and no longer password can be set: a
		// longer one never matches.
		boolean matches = password.getBytes(StandardCharsets.UTF_8).length <= BCRYPT_MAX_BYTES
				&& this.passwordEncoder.matches(password,
						found.filter(Account::active).map(Account::passwordHash).orElseGet(this.dummyHash::obtain));
		if (found.isEmpty() || !found.get().active() || !matches) {
			LoggingEventBuilder failure = log.atWarn().setMessage("admin login failed").addKeyValue("remote", ip);
			found.ifPresent((account) -> failure.addKeyValue("admin_id", account.id()));
			failure.log();
			// Never the typed email (it may be a password typed in the wrong field) nor
			// the password; the address is the entry's own.
			String reason = found.isEmpty() ? "unknown account"
					: (!found.get().active() ? "account deactivated" : "wrong password");
			this.audit.recordAs(found.map(Account::id).orElse(null), "auth.login_failed", "admin",
					found.map(Account::id).orElse(null), "reason=" + reason + " method=password");
			return Optional.empty();
		}
		return found;
	}

	/**
	 * A new session for an account that has proven who it is, by any sign-in method.
	 * @param method how: {@code password}, {@code sso}, {@code forward} (stored with the
	 * session, so refresh checks can tell)
	 */
	Issued start(Account account, String method, @Nullable String userAgent, String ip) {
		String sessionId = randomHex(16);
		String refreshToken = this.refreshTokens.first();
		Instant now = this.clock.instant();
		String device = truncate(userAgent, 256);
		this.sessions.insert(sessionId, account.id(), method, sha256(refreshToken), device, ip, now,
				now.plus(this.refreshTtl));
		this.events.publishEvent(
				new SignedIn(account.id(), sessionId, method, ip, device, rememberDevice(account.id(), ip, device)));
		return issue(account, sessionId, refreshToken);
	}

	/**
	 * Records the device; true when it is new and not the account's first. A failure is
	 * logged and never fails the sign-in.
	 */
	private boolean rememberDevice(long adminId, String ip, String userAgent) {
		try {
			boolean hadDevices = this.devices.hasAny(adminId);
			return this.devices.remember(adminId, ip, userAgent) && hadDevices;
		}
		catch (RuntimeException ex) {
			log.warn("could not record sign-in device", ex);
			return false;
		}
	}

	Issued refresh(String refreshToken, String ip) throws Refused {
		String hash = sha256(refreshToken);
		Instant now = this.clock.instant();
		Optional<SessionRepository.Session> current = this.sessions.findByTokenHash(hash);
		if (current.isEmpty()) {
			Optional<SessionRepository.Session> rotated = this.sessions.findByPreviousHash(hash);
			if (rotated.isPresent()) {
				return reissue(rotated.get(), refreshToken, ip, now);
			}
			throw new Refused("invalid session");
		}
		SessionRepository.Session session = current.get();
		Account account = usable(session, now);
		String next = this.refreshTokens.next(refreshToken);
		if (!this.sessions.rotate(session.id(), hash, sha256(next), ip, now)) {
			// Another request rotated this token first.
			Optional<SessionRepository.Session> rotated = this.sessions.findById(session.id());
			if (rotated.isEmpty()) {
				throw new Refused("invalid session");
			}
			return reissue(rotated.get(), refreshToken, ip, now);
		}
		return issue(account, session.id(), next);
	}

	/**
	 * A refresh with the token a rotation just replaced: within the grace, the token that
	 * replaced it again (a second tab, a retried request); otherwise it was stolen or
	 * replayed and the session ends.
	 */
	private Issued reissue(SessionRepository.Session session, String presented, String ip, Instant now) throws Refused {
		String next = this.refreshTokens.next(presented);
		boolean justReplaced = sha256(presented).equals(session.previousHash())
				&& sha256(next).equals(session.tokenHash())
				&& now.isBefore(session.lastUsedAt().plus(this.refreshGrace));
		if (!justReplaced) {
			log.atWarn()
				.setMessage("refresh token reused: session revoked")
				.addKeyValue("session_id", session.id())
				.addKeyValue("admin_id", session.adminId())
				.addKeyValue("remote", ip)
				.log();
			revoke(session.id(), session.adminId(), Reason.TOKEN_REUSE);
			throw new Refused("session revoked");
		}
		return issue(usable(session, now), session.id(), next);
	}

	/** The session's account, when the session may be refreshed. */
	private Account usable(SessionRepository.Session session, Instant now) throws Refused {
		if (session.revokedAt() != null) {
			throw new Refused("session revoked");
		}
		if (!session.expiresAt().isAfter(now)) {
			throw new Refused("session expired");
		}
		Optional<Account> account = this.accounts.findById(session.adminId()).filter(Account::active);
		if (account.isEmpty()) {
			revoke(session.id(), session.adminId(), Reason.ACCOUNT_DISABLED);
			throw new Refused("account deactivated");
		}
		for (RefreshCheck check : this.refreshChecks) {
			Optional<String> refusal = check.refuse(session, account.get());
			if (refusal.isPresent()) {
				revoke(session.id(), session.adminId(), Reason.ACCOUNT_DISABLED);
				throw new Refused(refusal.get());
			}
		}
		// Read again when a check may have changed the role: an identity provider's group
		// mapping (single sign-on, forward-auth); a password session's role is as read.
		return PASSWORD.equals(session.method()) ? account.get()
				: this.accounts.findById(session.adminId()).filter(Account::active).orElse(account.get());
	}

	/**
	 * Ends the session identified by either token; returns its admin id when there was
	 * one.
	 */
	Optional<Long> logout(@Nullable String sessionId, @Nullable String refreshToken) {
		Optional<SessionRepository.Session> session = Optional.ofNullable(sessionId)
			.flatMap(this.sessions::findById)
			.or(() -> Optional.ofNullable(refreshToken)
				.map(SessionService::sha256)
				.flatMap(this.sessions::findByTokenHash));
		session.ifPresent((s) -> {
			this.sessions.delete(s.id());
			this.events.publishEvent(new SessionRevoked(s.id(), s.adminId(), Reason.LOGOUT));
		});
		return session.map(SessionRepository.Session::adminId);
	}

	/**
	 * Whether a session is live: not revoked, logged out or expired (for an API key's
	 * streams: whether the key is still usable).
	 */
	public boolean isActive(String sessionId) {
		if (ApiKeys.isKeySession(sessionId)) {
			return this.apiKeys.isActive(sessionId);
		}
		return this.sessions.isActive(sessionId, this.clock.instant());
	}

	/** Revokes one live session; false when there was none. */
	boolean revoke(String sessionId, long adminId, Reason reason) {
		boolean revoked = this.sessions.revoke(sessionId, reason.name().toLowerCase(), this.clock.instant());
		if (revoked) {
			this.events.publishEvent(new SessionRevoked(sessionId, adminId, reason));
		}
		return revoked;
	}

	/**
	 * Revokes every live session of an admin except {@code keepSessionId} (may be null).
	 * @return how many were revoked
	 */
	public int revokeAllOf(long adminId, Reason reason, @Nullable String keepSessionId) {
		List<String> ids = this.sessions.liveIdsOf(adminId, this.clock.instant());
		int revoked = 0;
		for (String id : ids) {
			if (!id.equals(keepSessionId) && revoke(id, adminId, reason)) {
				revoked++;
			}
		}
		return revoked;
	}

	/** Live sessions of every admin (the dashboard's {@code active_sessions}). */
	public long countActive() {
		return this.sessions.count(null, this.clock.instant());
	}

	/**
	 * A restored database holds the sessions of its time, some of them since logged out
	 * or revoked: every one of them ends, and everyone signs in again against the
	 * restored accounts. Runs before any queued write reaches the restored database.
	 */
	@EventListener
	@Order(0)
	void onDatabaseRestored(DatabaseRestored event) {
		int revoked = this.sessions.revokeAllLive("database_restored", this.clock.instant());
		this.apiKeys.forgetRememberedUses();
		log.info("database restored from {}: {} sessions of the restored database ended", event.source(), revoked);
	}

	/** Deletes sessions that have ended (expired or revoked); returns how many. */
	public int purgeEnded() {
		return this.sessions.deleteEnded(this.clock.instant());
	}

	/** Live sessions of an admin. */
	public long countLive(long adminId) {
		return this.sessions.count(adminId, this.clock.instant());
	}

	private Issued issue(Account account, String sessionId, String refreshToken) {
		String accessToken = this.accessTokens.issue(account.id(), sessionId, account.role());
		return new Issued(account, sessionId, accessToken, refreshToken);
	}

	static String sha256(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String randomHex(int bytes) {
		byte[] buffer = new byte[bytes];
		RANDOM.nextBytes(buffer);
		return HexFormat.of().formatHex(buffer);
	}

	private static String truncate(@Nullable String s, int max) {
		if (s == null) {
			return "";
		}
		return (s.length() <= max) ? s : s.substring(0, max);
	}

}
