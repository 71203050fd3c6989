package dev.vigil.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A position in the log as clients see it: which file (its identity, which survives
 * renames by rotation) and the byte offset just after a line. Written
 * {@code <file>-<offset>}.
 */
record LogCursor(long file, long offset) {

	private static final Pattern FORMAT = Pattern.compile("(\\d{1,19})-(\\d{1,19})");

	private static final Pattern INODE = Pattern.compile("ino=(\\d+)");

	static Optional<LogCursor> parse(@Nullable String text) {
		Matcher matcher = FORMAT.matcher((text != null) ? text.trim() : "");
		if (!matcher.matches()) {
			return Optional.empty();
		}
		try {
			return Optional.of(new LogCursor(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	@Override
	public String toString() {
		return this.file + "-" + this.offset;
	}

	/**
	 * A file's identity: its inode where the platform has one (Linux, macOS), else its
	 * creation time. Empty when the file does not exist.
	 */
	static Optional<Long> identity(Path path) {
		try {
			BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
			Object key = attributes.fileKey();
			if (key != null) {
				Matcher matcher = INODE.matcher(key.toString());
				if (matcher.find()) {
					return Optional.of(Long.parseLong(matcher.group(1)));
				}
				return Optional.of((long) key.hashCode() & 0xffffffffL);
			}
			return Optional.of(attributes.creationTime().toMillis());
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

}
