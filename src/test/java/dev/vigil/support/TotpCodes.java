package dev.vigil.support;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.codec.binary.Base32;

/**
 * Codes as an authenticator app computes them from the secret it was given (RFC 6238:
 * HMAC-SHA1, six digits, 30-second steps), written out here so that the tests do not
 * check the server's code against itself.
 */
public final class TotpCodes {

	private TotpCodes() {
	}

	/** The current time step. */
	public static long now() {
		return Instant.now().getEpochSecond() / 30;
	}

	/** The code of a base32 secret for a time step. */
	public static String code(String base32Secret, long step) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(new Base32().decode(base32Secret), "HmacSHA1"));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
					| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
			return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
