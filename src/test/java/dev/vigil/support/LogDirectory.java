package dev.vigil.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A log directory a test owns, served by the server under test
 * ({@code vigil.logs.directory}), with an empty live file to start from and the writes a
 * logger would make to it.
 */
public final class LogDirectory {

	private final Path directory;

	private final Path live;

	private final AtomicInteger rotations = new AtomicInteger();

	private LogDirectory(Path directory) {
		this.directory = directory;
		this.live = directory.resolve("vigil.log");
	}

	public static LogDirectory create(String prefix) {
		try {
			LogDirectory logs = new LogDirectory(Files.createTempDirectory(prefix));
			Files.createFile(logs.live);
			return logs;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Points the server at this directory (for a {@code @DynamicPropertySource} method).
	 */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("vigil.logs.directory", this.directory::toString);
	}

	public Path live() {
		return this.live;
	}

	public synchronized void append(String text) throws IOException {
		Files.writeString(this.live, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
	}

	public synchronized void truncate() throws IOException {
		Files.writeString(this.live, "", StandardOpenOption.TRUNCATE_EXISTING);
	}

	/**
	 * What logback's rollover does: rename the live file; the next write creates a new
	 * one.
	 */
	public synchronized void rotate() throws IOException {
		Files.move(this.live, this.directory.resolve("vigil-2026-11-23." + this.rotations.getAndIncrement() + ".log"),
				StandardCopyOption.ATOMIC_MOVE);
	}

}
