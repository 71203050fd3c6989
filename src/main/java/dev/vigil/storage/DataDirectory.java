package dev.vigil.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The data directory and its fixed layout: {@code vigil.db}, {@code logs/},
 * {@code backups/}. Created on first start; a directory that cannot be created or written
 * fails startup with one clear message ({@link UnusableDataDirectoryException}).
 */
public final class DataDirectory {

	/**
	 * Written and removed in each directory at start: proves that real writes succeed.
	 */
	private static final String PROBE = ".vigil-write-check";

	private static final int PROBE_BYTES = 256 * 1024;

	private static final long MB = 1024 * 1024;

	private final Path root;

	DataDirectory(Path root) {
		this.root = root.toAbsolutePath().normalize();
		for (Path dir : layout()) {
			try {
				Files.createDirectories(dir);
			}
			catch (IOException ex) {
				throw new UnusableDataDirectoryException("cannot create data directory " + dir + ": " + cause(ex, dir));
			}
			if (!Files.isWritable(dir)) {
				throw new UnusableDataDirectoryException(
						"data directory " + dir + " is not writable: permission denied");
			}
		}
	}

	/**
	 * Creates the layout and proves it usable: a file can be written and synced in each
	 * directory (permissions, read-only mounts, file size limits and full disks all show
	 * here, not later in the middle of a migration), and the disk has at least
	 * {@code minFreeBytes} free.
	 */
	static DataDirectory check(Path root, long minFreeBytes) {
		DataDirectory data = new DataDirectory(root);
		for (Path dir : data.layout()) {
			probe(dir);
		}
		long free;
		try {
			free = Files.getFileStore(data.root).getUsableSpace();
		}
		catch (IOException ex) {
			throw new UnusableDataDirectoryException(
					"cannot read the free space of data directory " + data.root + ": " + cause(ex, data.root));
		}
		if (free < minFreeBytes) {
			throw new UnusableDataDirectoryException("data directory " + data.root + " has " + free / MB
					+ " MB of free disk space, less than vigil.storage.min-free-space (" + minFreeBytes / MB + " MB)");
		}
		return data;
	}

	private static void probe(Path dir) {
		Path file = dir.resolve(PROBE);
		try {
			try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				ByteBuffer zeros = ByteBuffer.allocate(PROBE_BYTES);
				while (zeros.hasRemaining()) {
					channel.write(zeros);
				}
				channel.force(true);
			}
			finally {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			throw new UnusableDataDirectoryException("data directory " + dir + " is not writable: " + cause(ex, file));
		}
	}

	/**
	 * The operating system's reason, without the exception's class name; the file if it
	 * is another one.
	 */
	private static String cause(IOException ex, Path dir) {
		String file = (ex instanceof FileSystemException fs && fs.getFile() != null
				&& !Path.of(fs.getFile()).equals(dir)) ? " (" + fs.getFile() + ")" : "";
		if (ex instanceof AccessDeniedException) {
			return "permission denied" + file;
		}
		if (ex instanceof FileAlreadyExistsException) {
			return "a file of that name exists and is not a directory" + file;
		}
		if (ex instanceof FileSystemException fs && fs.getReason() != null) {
			return fs.getReason() + file;
		}
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	private Path[] layout() {
		return new Path[] { this.root, logs(), backups() };
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
