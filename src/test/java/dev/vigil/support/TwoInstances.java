package dev.vigil.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Two Vigil processes (from the test class path) that form one cluster: the machine's
 * Redis under a cluster name of their own, a shared signing key, and a shared database.
 * Each has its own log directory.
 * <p>
 * The database is a fresh PostgreSQL database on the machine's server
 * ({@link TestPostgres}); each instance has a data directory of its own.
 */
public final class TwoInstances implements AutoCloseable {

	public static final String SIGNING_KEY = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

	public final String cluster = "test-" + UUID.randomUUID();

	public final VigilProcess a;

	public final VigilProcess b;

	public final int portA;

	public final int portB;

	/** The JDBC URL of the database both share. */
	public final String database;

	private TwoInstances(Path root, List<String> extraArgs) {
		Services.requireRedis();
		Services.requirePostgres();
		this.database = TestPostgres.createDatabase();
		this.portA = VigilProcess.freePort();
		this.portB = VigilProcess.freePort();
		// One after the other, as users start them on a new database: the first creates
		// the schema (JobRunr's tables are not created under a lock).
		this.a = VigilProcess.start(root.resolve("a-data"), this.portA, root.resolve("a.out"),
				args(root.resolve("a-logs"), "a", extraArgs));
		VigilProcess b = null;
		try {
			this.a.awaitHealthy(Duration.ofSeconds(90));
			b = VigilProcess.start(root.resolve("b-data"), this.portB, root.resolve("b.out"),
					args(root.resolve("b-logs"), "b", extraArgs));
			b.awaitHealthy(Duration.ofSeconds(90));
		}
		catch (RuntimeException | Error ex) {
			this.a.close();
			if (b != null) {
				b.close();
			}
			throw ex;
		}
		this.b = b;
	}

	/**
	 * Starts both, one after the other, and waits until each answers its health check.
	 */
	public static TwoInstances start(Path root, List<String> extraArgs) {
		return new TwoInstances(root, extraArgs);
	}

	private List<String> args(Path logs, String name, List<String> extraArgs) {
		List<String> args = new ArrayList<>(List.of("--vigil.cluster.redis-url=" + Services.REDIS_URL,
				"--vigil.cluster.name=" + this.cluster, "--vigil.cluster.instance-name=" + name,
				"--vigil.storage.database-url=" + this.database, "--vigil.storage.username=" + TestPostgres.USER,
				"--vigil.auth.signing-key=" + SIGNING_KEY, "--vigil.logs.directory=" + logs.toAbsolutePath()));
		args.addAll(extraArgs);
		return args;
	}

	@Override
	public void close() {
		this.a.close();
		this.b.close();
	}

}
