package dev.vigil.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.vigil.ConflictException;

/**
 * Which database Vigil runs on: the embedded SQLite file (the default) or PostgreSQL
 * ({@code VIGIL_DATABASE_URL}). Repositories keep one code path where the SQL allows and
 * ask {@link #dialect()} where it does not.
 */
public final class Database {

	/** The SQL dialects Vigil speaks. */
	public enum Dialect {

		SQLITE, POSTGRESQL

	}

	private final Dialect dialect;

	private final JdbcClient jdbc;

	private final DataDirectory data;

	Database(Dialect dialect, DataSource dataSource, DataDirectory data) {
		this.dialect = dialect;
		this.jdbc = JdbcClient.create(dataSource);
		this.data = data;
	}

	public Dialect dialect() {
		return this.dialect;
	}

	public boolean isSqlite() {
		return this.dialect == Dialect.SQLITE;
	}

	/**
	 * The database's size on disk: the SQLite file with its WAL, or
	 * {@code pg_database_size} of the current database.
	 */
	public long sizeBytes() {
		if (this.dialect == Dialect.POSTGRESQL) {
			return this.jdbc.sql("SELECT pg_database_size(current_database())").query(Long.class).single();
		}
		Path file = this.data.database();
		return size(file) + size(file.resolveSibling(file.getFileName() + "-wal"));
	}

	/**
	 * Refuses a feature that works on the SQLite file only (backups, restores, VACUUM and
	 * the like) with a 409 that says what to use instead.
	 * @param feature what was asked, e.g. "backups"
	 * @param instead what a PostgreSQL operator uses for it
	 */
	public void requireSqlite(String feature, String instead) {
		if (this.dialect != Dialect.SQLITE) {
			throw new ConflictException(feature + " not available on PostgreSQL: " + instead);
		}
	}

	private static long size(Path file) {
		try {
			return Files.exists(file) ? Files.size(file) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

}
