package dev.vigil.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.jobrunr.storage.sql.common.DatabaseCreator;
import org.jobrunr.storage.sql.sqlite.SqLiteStorageProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.vigil.ConflictException;
import dev.vigil.NotFoundException;
import dev.vigil.audit.AuditLog;

/**
 * Replaces the live database with a backup: the candidate is checked and brought up to
 * this build's schema on a private copy first, then, under the write gate, a safety
 * backup of the live database is taken and SQLite's online backup API copies the
 * candidate into it in one transaction (readers keep their snapshot until it commits;
 * writers queue on the gate). Any failure before the commit leaves the live database as
 * it was.
 */
@Service
class DatabaseRestore {

	private static final Logger log = LoggerFactory.getLogger(DatabaseRestore.class);

	private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

	private static final int HEADER_SIZE = 100;

	/** Tables every Vigil database has since its first version. */
	private static final List<String> CORE_TABLES = List.of("flyway_schema_history", "admins", "sessions", "audit_log");

	private static final int SQLITE_OK = 0;

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final BackupService backups;

	private final DataDirectory data;

	private final Flyway flyway;

	private final ApplicationEventPublisher events;

	/** One restore at a time; a second one is refused, not queued. */
	private final ReentrantLock running = new ReentrantLock();

	private final AuditLog audit;

	DatabaseRestore(DataSource dataSource, JdbcClient jdbc, BackupService backups, DataDirectory data, Flyway flyway,
			ApplicationEventPublisher events, AuditLog audit) {
		this.audit = audit;
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.backups = backups;
		this.data = data;
		this.flyway = flyway;
		this.events = events;
	}

	/**
	 * What was restored.
	 *
	 * @param source the backup or uploaded file
	 * @param safetyBackup the database as it was just before
	 * @param schemaVersion the candidate's schema version before it was migrated
	 * @param migrated whether the candidate was migrated to this build's schema
	 */
	record Outcome(String source, BackupService.Backup safetyBackup, String schemaVersion, boolean migrated) {
	}

	/** Something that writes the candidate's bytes to a file. */
	@FunctionalInterface
	interface Upload {

		void transferTo(Path file) throws IOException;

	}

	Outcome restoreBackup(String name) {
		Path file = this.backups.file(name).orElseThrow(() -> new NotFoundException("backup not found"));
		return restore(name, (staged) -> Files.copy(file, staged, StandardCopyOption.REPLACE_EXISTING));
	}

	Outcome restoreUpload(String source, InputStream upload) {
		return restore(source, (staged) -> Files.copy(upload, staged, StandardCopyOption.REPLACE_EXISTING));
	}

	Outcome restore(String source, Upload candidate) {
		if (!this.running.tryLock()) {
			throw new ConflictException("a restore is already in progress");
		}
		// A hidden name in the backups directory: same file system as the database, and
		// never listed as a backup.
		Path staged = this.data.backups().resolve(".restore-" + UUID.randomUUID() + ".db");
		try {
			candidate.transferTo(staged);
			Prepared prepared = prepare(staged);
			try {
				this.events.publishEvent(new DatabaseRestoring(source));
				BackupService.Backup safety = swap(source, staged);
				log.warn("database restored from {} (schema version {}{}); safety backup {}", source,
						prepared.version(), prepared.migrated() ? ", migrated" : "", safety.name());
				return new Outcome(source, safety, prepared.version(), prepared.migrated());
			}
			catch (RuntimeException ex) {
				this.events.publishEvent(new DatabaseRestoreFailed(source));
				throw ex;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			deleteStaged(staged);
			this.running.unlock();
		}
	}

	private record Prepared(String version, boolean migrated) {
	}

	/**
	 * Checks the candidate and brings it to what the swap needs: this build's schema,
	 * rollback journal (the copy is read by the backup API, not opened as a WAL
	 * database), the live database's page size (the backup API cannot change the page
	 * size of a WAL database).
	 */
	private Prepared prepare(Path staged) throws IOException {
		checkHeader(staged);
		String url = "jdbc:sqlite:" + staged;
		SQLiteDataSource candidate = new SQLiteDataSource();
		candidate.setUrl(url);
		MigrationVersion version;
		try (Connection connection = candidate.getConnection(); Statement statement = connection.createStatement()) {
			checkIntegrity(statement);
			checkTables(statement);
			version = checkVersion(statement);
			statement.execute("PRAGMA journal_mode = DELETE");
			int pageSize = this.jdbc.sql("PRAGMA page_size").query(Integer.class).single();
			if (pageSize(statement) != pageSize) {
				statement.execute("PRAGMA page_size = " + pageSize);
				statement.execute("VACUUM");
			}
		}
		catch (SQLException ex) {
			throw new UnusableBackupException("the file is damaged: " + sqliteReason(ex));
		}
		MigrationVersion current = currentVersion();
		boolean migrated = version.compareTo(current) < 0;
		try {
			Flyway.configure(this.flyway.getConfiguration().getClassLoader())
				.configuration(this.flyway.getConfiguration())
				.dataSource(candidate)
				.load()
				.migrate();
			// JobRunr's tables, at the version this build's JobRunr expects.
			new DatabaseCreator(candidate, SqLiteStorageProvider.class).runMigrations();
		}
		catch (FlywayException ex) {
			log.warn("a restore candidate could not be migrated", ex);
			// Flyway's first line names the migration or check that failed; the rest
			// (SQL,
			// locations) goes to the log only.
			String reason = String.valueOf(ex.getMessage()).lines().findFirst().orElse("").strip();
			throw new UnusableBackupException("the backup cannot be migrated to this version: " + reason);
		}
		return new Prepared(version.getVersion(), migrated);
	}

	/** SQLite's own words, without sqlite-jdbc's result code prefix. */
	private static String sqliteReason(SQLException ex) {
		return String.valueOf(ex.getMessage()).replaceFirst("^\\[SQLITE_[A-Z_]+\\]\\s*", "");
	}

	private static void checkHeader(Path staged) throws IOException {
		long size = Files.size(staged);
		byte[] header = new byte[HEADER_SIZE];
		int read;
		try (InputStream in = Files.newInputStream(staged)) {
			read = in.readNBytes(header, 0, HEADER_SIZE);
		}
		if (read < HEADER_SIZE
				|| !Arrays.equals(header, 0, SQLITE_HEADER.length, SQLITE_HEADER, 0, SQLITE_HEADER.length)) {
			throw new UnusableBackupException("not a SQLite database");
		}
		ByteBuffer fields = ByteBuffer.wrap(header);
		int pageSize = Short.toUnsignedInt(fields.getShort(16));
		pageSize = (pageSize == 1) ? 65536 : pageSize;
		long pages = Integer.toUnsignedLong(fields.getInt(28));
		// The in-header page count is valid only when its change counter matches (SQLite
		// file format, 1.3.7).
		boolean pagesValid = fields.getInt(24) == fields.getInt(92) && pages > 0;
		if (pageSize < 512 || (pagesValid && size < pages * pageSize) || size % pageSize != 0) {
			throw new UnusableBackupException("the file is truncated or damaged");
		}
	}

	private static void checkIntegrity(Statement statement) throws SQLException {
		List<String> problems = new ArrayList<>();
		try (ResultSet rows = statement.executeQuery("PRAGMA integrity_check(5)")) {
			while (rows.next()) {
				problems.add(rows.getString(1));
			}
		}
		if (!problems.equals(List.of("ok"))) {
			throw new UnusableBackupException(
					"the file fails SQLite's integrity check: " + String.join("; ", problems));
		}
	}

	private static void checkTables(Statement statement) throws SQLException {
		Set<String> tables = new HashSet<>();
		try (ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
			while (rows.next()) {
				tables.add(rows.getString(1));
			}
		}
		if (!tables.containsAll(CORE_TABLES)) {
			throw new UnusableBackupException("not a Vigil database (its tables are missing)");
		}
	}

	private MigrationVersion checkVersion(Statement statement) throws SQLException {
		MigrationVersion newest = MigrationVersion.EMPTY;
		try (ResultSet rows = statement
			.executeQuery("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
			while (rows.next()) {
				MigrationVersion version = MigrationVersion.fromVersion(rows.getString(1));
				if (!rows.getBoolean(2)) {
					throw new UnusableBackupException(
							"the backup records a failed migration (version " + version.getVersion() + ")");
				}
				newest = (version.compareTo(newest) > 0) ? version : newest;
			}
		}
		if (newest == MigrationVersion.EMPTY) {
			throw new UnusableBackupException("not a Vigil database (no schema version)");
		}
		MigrationVersion current = currentVersion();
		if (newest.compareTo(current) > 0) {
			throw new UnusableBackupException("the backup was made by a newer Vigil (schema version "
					+ newest.getVersion() + "; this Vigil runs up to " + current.getVersion() + ")");
		}
		return newest;
	}

	/** The newest migration this build has (the live database runs it). */
	private MigrationVersion currentVersion() {
		MigrationVersion newest = MigrationVersion.EMPTY;
		for (var migration : this.flyway.info().all()) {
			if (migration.getVersion() != null && migration.getVersion().compareTo(newest) > 0) {
				newest = migration.getVersion();
			}
		}
		return newest;
	}

	private static int pageSize(Statement statement) throws SQLException {
		try (ResultSet rows = statement.executeQuery("PRAGMA page_size")) {
			rows.next();
			return rows.getInt(1);
		}
	}

	/**
	 * Under the write gate: the safety backup sees every committed write and no write can
	 * slip in between it and the swap; {@link DatabaseRestored} is handled before any
	 * queued writer runs on the restored database.
	 */
	BackupService.Backup swap(String source, Path staged) {
		SerializedWrites gate;
		try {
			gate = this.dataSource.unwrap(SerializedWrites.class);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("the data source has no write gate", ex);
		}
		// Taken before the gate, this connection serves all done under it (safety backup,
		// copy, the modules' reactions): writers hold their connections while they wait
		// for the gate, so one taken after it could wait for the pool until they time
		// out.
		Connection connection;
		try {
			connection = this.dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw new RestoreFailedException("the database could not be replaced: no connection (it is unchanged)", ex);
		}
		try (connection) {
			TransactionSynchronizationManager.bindResource(this.dataSource, new ConnectionHolder(connection));
			try {
				return gate.exclusively(() -> swapExclusively(source, staged, connection));
			}
			finally {
				TransactionSynchronizationManager.unbindResource(this.dataSource);
			}
		}
		catch (SQLException ex) {
			log.warn("closing the restore's connection failed", ex);
			throw new IllegalStateException(ex);
		}
	}

	private BackupService.Backup swapExclusively(String source, Path staged, Connection connection) {
		BackupService.Backup safety = this.backups.createSafetyBackup();
		try {
			long schema = schemaVersion(connection);
			// All pages in one step: one transaction on the live database, which
			// commits whole or not at all.
			int result = connection.unwrap(SQLiteConnection.class)
				.getDatabase()
				.restore("main", staged.toString(), null, 100, 30, -1);
			if (result != SQLITE_OK) {
				throw new SQLException("SQLite result code " + result);
			}
			// sqlite-jdbc answers OK when it gave up on a busy source without copying
			// anything; a completed copy always bumps the schema cookie by one.
			if (schemaVersion(connection) != schema + 1) {
				throw new SQLException("the copy did not complete");
			}
		}
		catch (SQLException ex) {
			log.error("restore from {} failed; the database is unchanged", source, ex);
			throw new RestoreFailedException("the database could not be replaced: " + sqliteReason(ex)
					+ " (it is unchanged; safety backup " + safety.name() + ")", ex);
		}
		// The copy has committed: whatever a module's reaction does, the restore happened
		// and must be reported (and audited) as such.
		try {
			// First, so that no entry written in reaction reuses an exported audit id.
			this.audit.databaseReplaced();
			this.events.publishEvent(new DatabaseRestored(source, safety.name()));
		}
		catch (RuntimeException ex) {
			log.error("database restored from {}, but a module failed to react to it", source, ex);
		}
		return safety;
	}

	private static long schemaVersion(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("PRAGMA schema_version")) {
			rows.next();
			return rows.getLong(1);
		}
	}

	/** The swap itself failed; the live database is unchanged. */
	static class RestoreFailedException extends RuntimeException {

		RestoreFailedException(String message, Throwable cause) {
			super(message, cause);
		}

	}

	/**
	 * Candidates a crash left behind in the middle of a restore, and uploads the
	 * container was spooling ({@code upload_*.tmp}, see {@code BackupsConfiguration}).
	 */
	@EventListener(ApplicationReadyEvent.class)
	void deleteLeftovers() {
		try (Stream<Path> files = Files.list(this.data.backups())) {
			files.filter((file) -> isLeftover(file.getFileName().toString())).forEach((file) -> {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ex) {
					log.warn("could not delete {}: {}", file, ex.getMessage());
				}
			});
		}
		catch (IOException ex) {
			log.warn("could not list {}: {}", this.data.backups(), ex.getMessage());
		}
	}

	private static boolean isLeftover(String name) {
		return name.startsWith(".restore-") || (name.startsWith("upload_") && name.endsWith(".tmp"));
	}

	private static void deleteStaged(Path staged) {
		for (String suffix : new String[] { "", "-journal", "-wal", "-shm" }) {
			try {
				Files.deleteIfExists(staged.resolveSibling(staged.getFileName() + suffix));
			}
			catch (IOException ex) {
				log.warn("could not delete {}{}: {}", staged, suffix, ex.getMessage());
			}
		}
	}

}
