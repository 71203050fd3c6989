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

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Encrypts the identity provider's tokens kept with single sign-on sessions (AES-GCM with
 * a key derived from Vigil's signing key), so that a copy of the database or a backup
 * does not hand out tokens valid at the provider.
 */
@Component
class SsoTokenCipher {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final int IV_BYTES = 12;

	private final SecretKeySpec key;

	SsoTokenCipher(SecretKey signingKey) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(signingKey);
			this.key = new SecretKeySpec(mac.doFinal("vigil sso token encryption".getBytes(StandardCharsets.UTF_8)),
					"AES");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Nullable String encrypt(@Nullable String token) {
		if (token == null) {
			return null;
		}
		try {
			byte[] iv = new byte[IV_BYTES];
			RANDOM.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(128, iv));
			byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The token; null when there is none or it no longer decrypts (a new signing key).
	 */
	@Nullable String decrypt(@Nullable String stored) {
		if (stored == null) {
			return null;
		}
		try {
			byte[] bytes = Base64.getDecoder().decode(stored);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(128, bytes, 0, IV_BYTES));
			return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			return null;
		}
	}

}
