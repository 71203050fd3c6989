package dev.vigil.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.vigil.storage.DataDirectory;
import dev.vigil.storage.Database;

/**
 * Reads the database's figures: file sizes, pages, free pages, journal mode, version and
 * each table's rows. Only plain {@code SELECT}s (pragmas through their table-valued
 * functions), so it never waits for the write gate, not even while a VACUUM holds it.
 */
@Component
class DatabaseFigures {

	private final JdbcClient jdbc;

	private final DataDirectory data;

	private final DatabaseProperties properties;

	private final Database database;

	DatabaseFigures(JdbcClient jdbc, DataDirectory data, DatabaseProperties properties, Database database) {
		this.database = database;
		this.jdbc = jdbc;
		this.data = data;
		this.properties = properties;
	}

	/**
	 * The figures.
	 *
	 * @param databaseBytes size of the main file
	 * @param walBytes size of the write-ahead log
	 * @param shmBytes size of the WAL index
	 * @param pageSize bytes per page
	 * @param pageCount pages in the database (including those still only in the WAL)
	 * @param freelistCount unused pages: what a VACUUM gives back
	 * @param reclaimableBytes {@code freelistCount × pageSize}
	 * @param journalMode {@code wal} unless something is wrong
	 * @param sqliteVersion the SQLite library's version
	 * @param diskFreeBytes usable space on the data directory's disk
	 * @param vacuumNeedsBytes free space a VACUUM asks for: twice the database and WAL
	 * @param tables every table, by name
	 * @param rowCountLimit rows counted per table at most
	 */
	record Figures(long databaseBytes, long walBytes, long shmBytes, long pageSize, long pageCount, long freelistCount,
			long reclaimableBytes, String journalMode, String sqliteVersion, long diskFreeBytes, long vacuumNeedsBytes,
			List<Table> tables, int rowCountLimit) {
	}

	/**
	 * A table and its rows.
	 *
	 * @param name the table
	 * @param rows rows counted
	 * @param capped whether counting stopped at the limit (the table has at least
	 * {@code rows})
	 */
	record Table(String name, long rows, boolean capped) {
	}

	/** Sizes of the database files and the disk's free space. */
	record Sizes(long databaseBytes, long walBytes, long shmBytes, long diskFreeBytes) {

		long vacuumNeedsBytes() {
			// VACUUM writes a whole new copy (through the WAL) before the old pages go.
			return 2 * (this.databaseBytes + this.walBytes);
		}

	}

	Figures read() {
		if (!this.database.isSqlite()) {
			return postgresql();
		}
		Sizes sizes = sizes();
		long pageSize = pragma("page_size");
		long freelist = pragma("freelist_count");
		String journalMode = this.jdbc.sql("SELECT journal_mode FROM pragma_journal_mode()")
			.query(String.class)
			.single();
		String version = this.jdbc.sql("SELECT sqlite_version()").query(String.class).single();
		return new Figures(sizes.databaseBytes(), sizes.walBytes(), sizes.shmBytes(), pageSize, pragma("page_count"),
				freelist, freelist * pageSize, journalMode, version, sizes.diskFreeBytes(), sizes.vacuumNeedsBytes(),
				tables(), this.properties.rowCountLimit());
	}

	/**
	 * What PostgreSQL can show in the same shape: its size ({@code pg_database_size}) as
	 * the database, its block size as the page, the server's version; no WAL or free
	 * pages of ours to show.
	 */
	private Figures postgresql() {
		long bytes = this.database.sizeBytes();
		long blockSize = this.jdbc.sql("SELECT current_setting('block_size')::bigint").query(Long.class).single();
		String version = this.jdbc.sql("SELECT current_setting('server_version')").query(String.class).single();
		long diskFree;
		try {
			diskFree = Files.getFileStore(this.data.root()).getUsableSpace();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new Figures(bytes, 0, 0, blockSize, bytes / blockSize, 0, 0, "postgresql", "PostgreSQL " + version,
				diskFree, 0, tables(), this.properties.rowCountLimit());
	}

	Sizes sizes() {
		Path database = this.data.database();
		try {
			return new Sizes(size(database), size(sibling(database, "-wal")), size(sibling(database, "-shm")),
					Files.getFileStore(this.data.root()).getUsableSpace());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	long pragma(String name) {
		// Table-valued pragma functions are SELECTs: reads, never gated.
		return this.jdbc.sql("SELECT * FROM pragma_" + name + "()").query(Long.class).single();
	}

	private List<Table> tables() {
		int limit = this.properties.rowCountLimit();
		List<String> names = this.jdbc.sql(this.database.isSqlite() ? """
				SELECT name FROM sqlite_schema
				WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
				ORDER BY name
				""" : "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
			.query(String.class)
			.list();
		return names.stream().map((name) -> {
			// Bounded: count(*) visits every row, a LIMIT stops it at the cap.
			long rows = this.jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM " + quote(name) + " LIMIT :cap) AS capped")
				.param("cap", limit + 1)
				.query(Long.class)
				.single();
			return (rows > limit) ? new Table(name, limit, true) : new Table(name, rows, false);
		}).toList();
	}

	private static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	private static Path sibling(Path database, String suffix) {
		return database.resolveSibling(database.getFileName() + suffix);
	}

	private static long size(Path file) throws IOException {
		try {
			return Files.size(file);
		}
		catch (NoSuchFileException ex) {
			return 0;
		}
	}

}
