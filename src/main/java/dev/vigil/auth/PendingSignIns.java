package dev.vigil.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.vigil.cluster.ClusterBus;

/**
 * Sign-ins waiting for their second factor: a password that matched gives only this
 * short-lived HttpOnly cookie (a JWT under a key of its own, so it can never pass for an
 * access token), bound to the admin and their current password. A pending sign-in ends
 * when it is passed or voided (too many wrong codes).
 */
@Component
class PendingSignIns implements SmartInitializingSingleton {

	/** Ended pending sign-ins, so that no instance takes their cookie again. */
	static final String TOPIC = "auth.pending-ended";

	static final String COOKIE = "second_factor_pending";

	static final Duration TTL = Duration.ofMinutes(5);

	private final SecretKey key;

	private final JwtParser parser;

	private final Clock clock;

	private final AuthCookies cookies;

	/** Ended pending sign-ins (their token id) until they would have expired anyway. */
	private final Map<String, Instant> ended = new ConcurrentHashMap<>();

	private final ClusterBus bus;

	/** A pending sign-in ended on another instance. */
	record Ended(String id, long until) {
	}

	PendingSignIns(SecretKey signingKey, Clock clock, AuthCookies cookies, ClusterBus bus) {
		this.bus = bus;
		this.key = new SecretKeySpec(SecretBox.subkey(signingKey, "vigil pending second factor v1"), "HmacSHA256");
		this.clock = clock;
		this.cookies = cookies;
		this.parser = Jwts.parser().verifyWith(this.key).clock(() -> Date.from(clock.instant())).build();
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.bus.subscribe(TOPIC, Ended.class,
				(message) -> this.ended.put(message.id(), Instant.ofEpochMilli(message.until())));
	}

	record Pending(long adminId, String id, String passwordBinding) {

		/** Whether it was made for this account as it is now (same password). */
		boolean boundTo(AdminAccounts.Account account) {
			return account.id() == this.adminId && PendingSignIns.passwordBinding(account).equals(this.passwordBinding);
		}

	}

	void start(HttpServletResponse response, AdminAccounts.Account account) {
		Instant now = this.clock.instant();
		String token = Jwts.builder()
			.subject(Long.toString(account.id()))
			.id(SessionService.randomHex(16))
			.claim("pwd", passwordBinding(account))
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plus(TTL)))
			.signWith(this.key, Jwts.SIG.HS256)
			.compact();
		cookie(response, token, TTL);
	}

	/**
	 * The pending sign-in of this request, when it is live and still matches the account.
	 */
	Optional<Pending> read(HttpServletRequest request) {
		String token = AuthCookies.read(request, COOKIE);
		if (token == null) {
			return Optional.empty();
		}
		try {
			Claims claims = this.parser.parseSignedClaims(token).getPayload();
			String id = claims.getId();
			String binding = claims.get("pwd", String.class);
			if (id == null || binding == null || this.ended.containsKey(id)) {
				return Optional.empty();
			}
			return Optional.of(new Pending(Long.parseLong(claims.getSubject()), id, binding));
		}
		catch (JwtException | IllegalArgumentException | ClassCastException ex) {
			return Optional.empty();
		}
	}

	/** Ends a pending sign-in: its cookie no longer works, even if kept. */
	void end(Pending pending, HttpServletResponse response) {
		Instant until = this.clock.instant().plus(TTL);
		this.ended.put(pending.id(), until);
		this.bus.publish(TOPIC, new Ended(pending.id(), until.toEpochMilli()));
		cookie(response, "", Duration.ZERO);
	}

	void clear(HttpServletResponse response) {
		cookie(response, "", Duration.ZERO);
	}

	@Scheduled(fixedDelay = 5, timeUnit = TimeUnit.MINUTES)
	void forgetExpired() {
		Instant now = this.clock.instant();
		this.ended.values().removeIf((until) -> until.isBefore(now));
	}

	private void cookie(HttpServletResponse response, String value, Duration maxAge) {
		this.cookies.add(response, COOKIE, value, AuthCookies.REFRESH_PATH, maxAge);
	}

	/** A changed password voids sign-ins pending under the old one. */
	private static String passwordBinding(AdminAccounts.Account account) {
		return SessionService.sha256(account.passwordHash()).substring(0, 16);
	}

}
