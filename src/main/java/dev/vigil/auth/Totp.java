package dev.vigil.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import org.apache.commons.codec.binary.Base32;

/**
 * RFC 6238 time-based one-time passwords as authenticator apps make them: HMAC-SHA1, six
 * digits, 30-second steps, the secret shown in base32. Codes come from {@code java-otp};
 * this class adds the secret, the {@code otpauth://} URI and the one-step tolerance for
 * clocks that drift.
 */
final class Totp {

	static final Duration STEP = Duration.ofSeconds(30);

	/**
	 * Steps either side of now that are accepted: a phone's clock is often a little off.
	 */
	static final int DRIFT_STEPS = 1;

	private static final int SECRET_BYTES = 20;

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final TimeBasedOneTimePasswordGenerator GENERATOR = new TimeBasedOneTimePasswordGenerator(STEP);

	private Totp() {
	}

	/** A new random 160-bit secret, base32 without padding (what apps expect). */
	static String newSecret() {
		byte[] bytes = new byte[SECRET_BYTES];
		RANDOM.nextBytes(bytes);
		return new Base32().encodeToString(bytes).replace("=", "");
	}

	/** The time step a moment falls in (RFC 6238 {@code T}). */
	static long step(Instant at) {
		return Math.floorDiv(at.getEpochSecond(), STEP.toSeconds());
	}

	/** The six-digit code of a secret for a time step. */
	static String code(String secret, long step) {
		SecretKeySpec key = new SecretKeySpec(new Base32().decode(secret), "HmacSHA1");
		try {
			int code = GENERATOR.generateOneTimePassword(key, Instant.ofEpochSecond(step * STEP.toSeconds()));
			return String.format(Locale.ROOT, "%06d", code);
		}
		catch (InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The time step a code matches, now or one step either side, newest first; empty when
	 * it matches none.
	 */
	static OptionalLong match(String secret, String code, Instant now) {
		long current = step(now);
		for (long step = current + DRIFT_STEPS; step >= current - DRIFT_STEPS; step--) {
			if (MessageDigest.isEqual(code(secret, step).getBytes(StandardCharsets.US_ASCII),
					code.getBytes(StandardCharsets.US_ASCII))) {
				return OptionalLong.of(step);
			}
		}
		return OptionalLong.empty();
	}

	/**
	 * The {@code otpauth://} URI authenticator apps read from the QR code (Key Uri
	 * Format).
	 */
	static String uri(String issuer, String account, String secret) {
		String label = encode(issuer) + ":" + encode(account);
		return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + encode(issuer)
				+ "&algorithm=SHA1&digits=6&period=" + STEP.toSeconds();
	}

	private static String encode(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
