package dev.vigil.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Refresh token values. A session's first is random; each next one is derived from the
 * one it replaces (HMAC-SHA256 under a key of its own, derived from the signing key). The
 * token a rotation handed out can so be handed out again, during the refresh grace,
 * without ever being stored: only its hash is, and only the holder of the previous token
 * (and of the key) can compute it.
 */
final class RefreshTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String HMAC = "HmacSHA256";

	private final SecretKeySpec key;

	RefreshTokens(SecretKey signingKey) {
		// A key of its own: no value computed here is ever a signature the JWT key would
		// also make.
		this.key = new SecretKeySpec(hmac(signingKey.getEncoded(), "vigil refresh tokens"), HMAC);
	}

	/** A new session's first token: 32 random bytes, hex. */
	String first() {
		byte[] token = new byte[32];
		RANDOM.nextBytes(token);
		return HexFormat.of().formatHex(token);
	}

	/** The token that replaces {@code token} at rotation. */
	String next(String token) {
		return HexFormat.of().formatHex(hmac(this.key.getEncoded(), token));
	}

	private static byte[] hmac(byte[] key, String data) {
		try {
			Mac mac = Mac.getInstance(HMAC);
			mac.init(new SecretKeySpec(key, HMAC));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
