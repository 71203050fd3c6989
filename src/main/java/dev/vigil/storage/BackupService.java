package dev.vigil.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Database backups with {@code VACUUM INTO}: a consistent, compacted copy taken while the
 * server keeps running, written to {@code data/backups/vigil-<UTC time>.db}.
 */
@Service
public class BackupService {

	private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
		.withZone(ZoneOffset.UTC);

	/** Marks the backup a restore takes of the database it replaces. */
	static final String SAFETY_SUFFIX = "-pre-restore";

	private static final Pattern NAMES = Pattern.compile("vigil-\\d{8}-\\d{6}-\\d{3}(" + SAFETY_SUFFIX + ")?\\.db");

	private final JdbcClient jdbc;

	private final DataDirectory data;

	private final Clock clock;

	BackupService(JdbcClient jdbc, DataDirectory data, Clock clock) {
		this.jdbc = jdbc;
		this.data = data;
		this.clock = clock;
	}

	/** A backup file. */
	public record Backup(String name, long size, Instant created) {
	}

	public Backup create() {
		return create("");
	}

	/** A backup of the database about to be replaced by a restore. */
	Backup createSafetyBackup() {
		return create(SAFETY_SUFFIX);
	}

	private Backup create(String suffix) {
		Path target = this.data.backups().resolve("vigil-" + NAME_TIME.format(this.clock.instant()) + suffix + ".db");
		this.jdbc.sql("VACUUM INTO :target").param("target", target.toString()).update();
		return describe(target);
	}

	/** Newest first. */
	public List<Backup> list() {
		try (Stream<Path> files = Files.list(this.data.backups())) {
			return files.filter((f) -> isBackupName(f.getFileName().toString()))
				.map(this::describe)
				.sorted(Comparator.comparing(Backup::created).reversed())
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The file of a backup, when the name is one of ours and it exists. */
	public Optional<Path> file(String name) {
		if (!isBackupName(name)) {
			return Optional.empty();
		}
		Path file = this.data.backups().resolve(name);
		return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
	}

	public boolean delete(String name) {
		Optional<Path> file = file(name);
		if (file.isEmpty()) {
			return false;
		}
		try {
			return Files.deleteIfExists(file.get());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Deletes backups older than {@code age}; returns how many. */
	public int prune(Duration age) {
		Instant cutoff = this.clock.instant().minus(age);
		int deleted = 0;
		for (Backup backup : list()) {
			if (backup.created().isBefore(cutoff) && delete(backup.name())) {
				deleted++;
			}
		}
		return deleted;
	}

	public static boolean isBackupName(String name) {
		return name != null && NAMES.matcher(name).matches();
	}

	private Backup describe(Path file) {
		try {
			return new Backup(file.getFileName().toString(), Files.size(file),
					Files.getLastModifiedTime(file).toInstant());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
