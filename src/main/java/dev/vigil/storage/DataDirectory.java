package dev.vigil.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data directory and its fixed layout: {@code vigil.db}, {@code logs/}, {@code backups/}.
 * Created on first start; a directory that cannot be written fails startup with one clear message.
 */
public final class DataDirectory {

	private final Path root;

	DataDirectory(Path root) {
		this.root = root.toAbsolutePath().normalize();
		for (Path dir : new Path[] { this.root, logs(), backups() }) {
			try {
				Files.createDirectories(dir);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot create data directory " + dir + ": " + ex.getMessage(), ex);
			}
			if (!Files.isWritable(dir)) {
				throw new IllegalStateException("Data directory " + dir + " is not writable");
			}
		}
	}

	public Path root() {
		return this.root;
	}

	public Path database() {
		return this.root.resolve("vigil.db");
	}

	public Path logs() {
		return this.root.resolve("logs");
	}

	public Path backups() {
		return this.root.resolve("backups");
	}

}
