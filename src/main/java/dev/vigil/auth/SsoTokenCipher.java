package dev.vigil.auth;

import java.security.GeneralSecurityException;

import javax.crypto.SecretKey;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Encrypts the identity provider's tokens kept with single sign-on sessions (AES-GCM with
 * a key derived from Vigil's signing key), so that a copy of the database or a backup
 * does not hand out tokens valid at the provider.
 */
@Component
class SsoTokenCipher {

	private final SecretBox box;

	SsoTokenCipher(SecretKey signingKey) {
		this.box = new SecretBox(signingKey, "vigil sso token encryption");
	}

	@Nullable String encrypt(@Nullable String token) {
		return (token != null) ? this.box.seal(token) : null;
	}

	/**
	 * The token; null when there is none or it no longer decrypts (a new signing key).
	 */
	@Nullable String decrypt(@Nullable String stored) {
		if (stored == null) {
			return null;
		}
		try {
			return this.box.open(stored);
		}
		catch (GeneralSecurityException ex) {
			return null;
		}
	}

}
