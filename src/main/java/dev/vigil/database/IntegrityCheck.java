package dev.vigil.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * {@code PRAGMA integrity_check} and {@code PRAGMA foreign_key_check} on a SQLite file,
 * through a connection of its own: outside the pool (a long check must not hold one of
 * its connections) and outside the write gate (it only reads, and in WAL mode it never
 * blocks the writer).
 */
final class IntegrityCheck {

	private IntegrityCheck() {
	}

	/**
	 * The problems found, at most {@code maxErrors} from the integrity check; empty when
	 * the file is sound. A file too damaged to be read at all is one problem, not an
	 * exception.
	 */
	static List<String> run(Path database, int maxErrors) {
		List<String> problems = new ArrayList<>();
		SQLiteConfig config = new SQLiteConfig();
		// Never create the file: a missing database is a problem to report.
		config.resetOpenMode(SQLiteOpenMode.CREATE);
		config.setBusyTimeout(30_000);
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database, config.toProperties());
				Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA query_only = ON");
			try (ResultSet rows = statement.executeQuery("PRAGMA integrity_check(" + Math.max(1, maxErrors) + ")")) {
				while (rows.next()) {
					String line = rows.getString(1);
					if (!"ok".equals(line)) {
						problems.add(line);
					}
				}
			}
			try (ResultSet rows = statement.executeQuery("PRAGMA foreign_key_check")) {
				while (rows.next() && problems.size() < maxErrors + 100) {
					problems.add("foreign key: row " + rows.getLong("rowid") + " of " + rows.getString("table")
							+ " refers to a missing row of " + rows.getString("parent"));
				}
			}
		}
		catch (SQLException ex) {
			// SQLITE_CORRUPT, SQLITE_NOTADB and the like: the check's answer, not a
			// failure of it.
			problems.add((ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName());
		}
		return problems;
	}

}
