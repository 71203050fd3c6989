package dev.vigil.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fresh PostgreSQL databases for tests on the machine's server ({@link Services}), made
 * through its {@code test} database and dropped when the test JVM ends. With
 * {@code -Dvigil.test.database=postgresql} every Spring test context gets one of its own
 * ({@link TestDatabaseCustomizerFactory}).
 */
public final class TestPostgres {

	/** The system property that moves the Spring tests to PostgreSQL. */
	public static final String PROPERTY = "vigil.test.database";

	public static final String USER = System.getProperty("vigil.test.postgres-user", "postgres");

	private static final List<String> created = new CopyOnWriteArrayList<>();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::dropAll, "drop-test-databases"));
	}

	private TestPostgres() {
	}

	/** Whether the Spring tests of this JVM run on PostgreSQL. */
	public static boolean selected() {
		return "postgresql".equalsIgnoreCase(System.getProperty(PROPERTY, ""));
	}

	public static String url(String database) {
		return "jdbc:postgresql://" + Services.POSTGRES_HOST + ":" + Services.POSTGRES_PORT + "/" + database;
	}

	/** A new empty database; returns its JDBC URL (user {@link #USER}). */
	public static String createDatabase() {
		String name = "vigil_test_"
				+ UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
		try (Connection connection = DriverManager.getConnection(url("test"), USER, "");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot create a test database on PostgreSQL at " + url("test"), ex);
		}
		created.add(name);
		return url(name);
	}

	private static void dropAll() {
		try (Connection connection = DriverManager.getConnection(url("test"), USER, "");
				Statement statement = connection.createStatement()) {
			for (String name : created) {
				statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			}
		}
		catch (SQLException ex) {
			// Left behind; named vigil_test_* for a manual clean-up.
		}
	}

}
