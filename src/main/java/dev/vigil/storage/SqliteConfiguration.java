package dev.vigil.storage;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.sqlite.SQLiteConfig;

/**
 * SQLite tuned for a server: WAL so readers never block the writer, NORMAL sync (safe
 * with WAL), foreign keys on, and every explicit transaction started with
 * {@code BEGIN IMMEDIATE}.
 * <p>
 * Why IMMEDIATE: a deferred transaction that reads first and writes later cannot wait for
 * the write lock (SQLite returns SQLITE_BUSY at once to avoid a deadlock). Taking the
 * write lock at BEGIN lets the busy timeout queue writers instead, so the app's own
 * concurrent writes never surface BUSY. Autocommit statements wait on the busy timeout as
 * well. Reads outside transactions run in parallel. The app's own writers never reach the
 * busy timeout: {@link SerializedWrites} queues them first. Chosen by
 * {@link DatabaseConfiguration} when no {@code VIGIL_DATABASE_URL} is set.
 */
final class SqliteConfiguration {

	private SqliteConfiguration() {
	}

	static SerializedWrites dataSource(DataDirectory dataDirectory, StorageProperties properties) {
		SQLiteConfig sqlite = new SQLiteConfig();
		sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
		sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
		sqlite.enforceForeignKeys(true);
		sqlite.setBusyTimeout((int) properties.busyTimeout().toMillis());
		sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
		sqlite.setTempStore(SQLiteConfig.TempStore.MEMORY);

		HikariConfig hikari = new HikariConfig();
		hikari.setPoolName("sqlite");
		hikari.setJdbcUrl("jdbc:sqlite:" + dataDirectory.database());
		hikari.setDataSourceProperties(sqlite.toProperties());
		hikari.setMaximumPoolSize(properties.poolSize());
		hikari.setMinimumIdle(1);
		// Connections to a local file never go stale; keep them for the life of the
		// process.
		hikari.setMaxLifetime(0);
		hikari.setIdleTimeout(0);
		return new SerializedWrites(new HikariDataSource(hikari));
	}

}
