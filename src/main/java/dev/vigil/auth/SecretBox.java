package dev.vigil.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest (AES-256-GCM) with a key derived from the signing key
 * (HMAC-SHA256 over a label naming their use), so a copy of the database alone gives
 * nothing away: second-factor secrets, the identity provider's tokens. A secret sealed
 * under another signing key or label does not open.
 */
final class SecretBox {

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKeySpec key;

	SecretBox(SecretKey signingKey, String label) {
		this.key = new SecretKeySpec(subkey(signingKey, label), "AES");
	}

	/**
	 * A key of its own for one use of the signing key (HMAC-SHA256 over the label), so
	 * nothing made for one use is accepted for another.
	 */
	static byte[] subkey(SecretKey signingKey, String label) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(signingKey.getEncoded(), "HmacSHA256"));
			return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** {@code base64(iv ‖ ciphertext ‖ tag)}. */
	String seal(String plain) {
		byte[] iv = new byte[IV_BYTES];
		RANDOM.nextBytes(iv);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, iv));
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The plain text, or an exception when it was sealed under another key or altered.
	 */
	String open(String sealed) throws GeneralSecurityException {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(sealed);
		}
		catch (IllegalArgumentException ex) {
			throw new GeneralSecurityException("not a sealed secret", ex);
		}
		if (bytes.length <= IV_BYTES) {
			throw new GeneralSecurityException("not a sealed secret");
		}
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
		return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
	}

}
