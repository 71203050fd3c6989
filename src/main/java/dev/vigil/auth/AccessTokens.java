package dev.vigil.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;

/**
 * Issues and verifies the access JWT (HS256; claims {@code sub}, {@code sid},
 * {@code role}, {@code iat}, {@code exp}). The token names the role, not its scopes: what
 * a role allows is read from {@link Roles} on every request, so a changed role applies
 * before the token expires. Unsigned ({@code alg=none}) and other-algorithm tokens are
 * rejected by the parser: it only accepts a signature made with this key.
 */
final class AccessTokens {

	private final SecretKey key;

	private final Duration ttl;

	private final Clock clock;

	private final JwtParser parser;

	AccessTokens(SecretKey key, Duration ttl, Clock clock) {
		this.key = key;
		this.ttl = ttl;
		this.clock = clock;
		this.parser = Jwts.parser().verifyWith(key).clock(() -> Date.from(clock.instant())).build();
	}

	Duration ttl() {
		return this.ttl;
	}

	String issue(long adminId, String sessionId, String role) {
		Instant now = this.clock.instant();
		return Jwts.builder()
			.subject(Long.toString(adminId))
			.claim("sid", sessionId)
			.claim("role", role)
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plus(this.ttl)))
			.signWith(this.key, Jwts.SIG.HS256)
			.compact();
	}

	/** What a valid token says. */
	record Verified(long adminId, String sessionId, String role) {
	}

	/**
	 * What the token says, or an {@link InvalidToken} saying why it was refused. A token
	 * from before roles were data (a scopes claim, no role) is refused: the client
	 * refreshes it.
	 */
	Verified verify(String token) throws InvalidToken {
		try {
			Claims claims = this.parser.parseSignedClaims(token).getPayload();
			long adminId = Long.parseLong(claims.getSubject());
			String sessionId = claims.get("sid", String.class);
			String role = claims.get("role", String.class);
			if (sessionId == null || role == null) {
				throw new InvalidToken("invalid token");
			}
			return new Verified(adminId, sessionId, role);
		}
		catch (ExpiredJwtException ex) {
			throw new InvalidToken("token expired");
		}
		catch (JwtException | IllegalArgumentException | ClassCastException ex) {
			throw new InvalidToken("invalid token");
		}
	}

	static final class InvalidToken extends Exception {

		InvalidToken(String message) {
			super(message, null, false, false);
		}

	}

}
