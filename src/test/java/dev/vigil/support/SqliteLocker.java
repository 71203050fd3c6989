package dev.vigil.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Another process holding SQLite's write lock on a database, as a backup tool or an
 * operator's {@code sqlite3} shell would: run as its own JVM, it opens the file,
 * {@code BEGIN EXCLUSIVE}, says {@value #LOCKED} and keeps the lock until its stdin
 * closes (or it is killed).
 */
public final class SqliteLocker {

	static final String LOCKED = "locked";

	private SqliteLocker() {
	}

	public static void main(String[] args) throws SQLException, IOException {
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
				Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA busy_timeout = 30000");
			statement.execute("BEGIN EXCLUSIVE");
			System.out.println(LOCKED);
			System.out.flush();
			while (System.in.read() != -1) {
				// hold the lock until the parent closes our stdin
			}
			statement.execute("ROLLBACK");
		}
	}

	/** Starts a locker on {@code database} and returns once it holds the lock. */
	public static Process lock(Path database) {
		try {
			Process locker = new ProcessBuilder(
					VigilProcess.java(SqliteLocker.class.getName(), List.of("-Xmx64m"), List.of(database.toString())))
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
			BufferedReader out = new BufferedReader(
					new InputStreamReader(locker.getInputStream(), StandardCharsets.UTF_8));
			String first = CompletableFuture.supplyAsync(() -> {
				try {
					return out.readLine();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}).completeOnTimeout(null, Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS).join();
			if (!LOCKED.equals(first)) {
				locker.destroyForcibly();
				throw new AssertionError("the locker process did not take the lock: " + first);
			}
			return locker;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
