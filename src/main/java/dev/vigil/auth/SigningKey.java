package dev.vigil.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

import javax.crypto.SecretKey;

import io.jsonwebtoken.security.Keys;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.storage.DataDirectory;

/**
 * The HS256 key: {@code VIGIL_AUTH_SIGNING_KEY} when set, else generated once and kept
 * (owner-only) in the data directory so sessions survive restarts.
 */
final class SigningKey {

	private static final Logger log = LoggerFactory.getLogger(SigningKey.class);

	static final int MIN_HEX_LENGTH = 64;

	private SigningKey() {
	}

	static SecretKey load(@Nullable String configured, DataDirectory dataDirectory) {
		if (configured != null && !configured.isBlank()) {
			return Keys.hmacShaKeyFor(decode(configured.trim(), "vigil.auth.signing-key"));
		}
		Path file = dataDirectory.root().resolve("signing.key");
		try {
			if (Files.exists(file)) {
				return Keys
					.hmacShaKeyFor(decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString()));
			}
			byte[] key = new byte[32];
			new SecureRandom().nextBytes(key);
			writeNewOwnerOnly(file, HexFormat.of().formatHex(key).getBytes(StandardCharsets.US_ASCII));
			log.warn("No VIGIL_AUTH_SIGNING_KEY set: generated one and stored it in {}", file);
			return Keys.hmacShaKeyFor(key);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or write the signing key " + file, ex);
		}
	}

	private static byte[] decode(String hex, String source) {
		if (hex.length() < MIN_HEX_LENGTH) {
			throw new IllegalStateException(source + " must be at least " + MIN_HEX_LENGTH + " hex characters");
		}
		try {
			return HexFormat.of().parseHex(hex);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(source + " is not valid hex", ex);
		}
	}

	/**
	 * Creates the file owner-only from its first moment (written first and restricted
	 * after, it would be readable by everyone in between), and only as a new file, never
	 * through a link planted in its place.
	 */
	private static void writeNewOwnerOnly(Path file, byte[] content) throws IOException {
		Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
		SeekableByteChannel channel;
		try {
			channel = Files.newByteChannel(file, options,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (UnsupportedOperationException ex) {
			// Not a POSIX file system (Windows): the data directory's ACL applies.
			channel = Files.newByteChannel(file, options);
		}
		try (SeekableByteChannel out = channel) {
			ByteBuffer buffer = ByteBuffer.wrap(content);
			while (buffer.hasRemaining()) {
				out.write(buffer);
			}
		}
	}

}
