package dev.vigil.database;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The integrity check the job runs, on real SQLite files: a sound one, a copy with a page
 * overwritten, and files that are not databases.
 */
class IntegrityCheckTests {

	@TempDir
	Path directory;

	@Test
	void aSoundDatabaseHasNoProblems() throws Exception {
		Path database = database("sound.db");
		assertThat(IntegrityCheck.run(database, 100)).isEmpty();
	}

	@Test
	void aCopyWithAnOverwrittenPageHasProblemsAndTheOriginalIsUntouched() throws Exception {
		Path database = database("original.db");
		Path copy = Files.copy(database, this.directory.resolve("copy.db"));
		int pageSize;
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + copy);
				Statement statement = connection.createStatement()) {
			pageSize = statement.executeQuery("PRAGMA page_size").getInt(1);
		}
		// A page in the middle of the table's b-tree, filled with junk.
		byte[] junk = new byte[pageSize];
		Arrays.fill(junk, (byte) 0x5a);
		try (RandomAccessFile file = new RandomAccessFile(copy.toFile(), "rw")) {
			file.seek(5L * pageSize);
			file.write(junk);
		}

		assertThat(IntegrityCheck.run(copy, 100)).isNotEmpty();
		assertThat(IntegrityCheck.run(database, 100)).isEmpty();
	}

	@Test
	void aBrokenForeignKeyIsAProblem() throws Exception {
		Path database = this.directory.resolve("keys.db");
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
				Statement statement = connection.createStatement()) {
			// Foreign keys are off by default in a plain connection: the orphan goes in.
			statement.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)");
			statement.execute("CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id))");
			statement.execute("INSERT INTO child (id, parent_id) VALUES (7, 42)");
		}
		assertThat(IntegrityCheck.run(database, 100))
			.containsExactly("foreign key: row 7 of child refers to a missing row of parent");
	}

	@Test
	void aFileThatIsNotADatabaseIsAProblemAndAMissingOneIsNotCreated() throws IOException {
		Path text = Files.writeString(this.directory.resolve("notes.db"), "not a database, ".repeat(512));
		assertThat(IntegrityCheck.run(text, 100)).singleElement().asString().contains("not a database");

		Path missing = this.directory.resolve("missing.db");
		assertThat(IntegrityCheck.run(missing, 100)).hasSize(1);
		assertThat(missing).doesNotExist();
	}

	/** A WAL database of a few hundred pages: a table with an index, checkpointed. */
	private Path database(String name) throws SQLException {
		Path database = this.directory.resolve(name);
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
				Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA journal_mode = WAL");
			statement.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, body BLOB)");
			statement.execute("CREATE INDEX items_name ON items (name)");
			statement.execute("""
					WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
					INSERT INTO items (name, body) SELECT 'item-' || i, randomblob(300) FROM n
					""");
			statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
		}
		return database;
	}

}
