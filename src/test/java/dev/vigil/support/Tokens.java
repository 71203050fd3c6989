package dev.vigil.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.SecretKey;

import io.jsonwebtoken.security.Keys;

/** For forging access tokens the way an attacker would, or with the server's own key. */
public final class Tokens {

	private Tokens() {
	}

	/**
	 * The server's own signing key, from the data directory where it generated it (tests
	 * configure none).
	 */
	public static SecretKey serverKey(Path dataDirectory) {
		try {
			String hex = Files.readString(dataDirectory.resolve("signing.key")).trim();
			return Keys.hmacShaKeyFor(HexFormat.of().parseHex(hex));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A JWT segment: unpadded base64url of the UTF-8 text. */
	public static String base64url(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
