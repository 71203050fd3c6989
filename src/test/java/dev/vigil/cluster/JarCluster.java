package dev.vigil.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import dev.vigil.support.ModernJava;
import dev.vigil.support.Services;
import dev.vigil.support.TestThreads;
import dev.vigil.support.TwoInstances;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Vigil instances from the packaged jar ({@code java -jar target/vigil.jar} on the
 * newest JDK 21+), configured as users configure them (environment: VIGIL_DATABASE_URL,
 * VIGIL_REDIS_URL, VIGIL_AUTH_SIGNING_KEY, VIGIL_CLUSTER_NAME, VIGIL_INSTANCE_NAME,
 * VIGIL_WEB_TRUSTPROXY), on a fresh PostgreSQL database and a redis-server of the test's
 * own, with nginx in front ({@code docs/nginx/vigil.conf}). Each instance has its own
 * data and log directory.
 * <p>
 * {@code -Dvigil.test.cluster.sqlite=true} puts both on one SQLite file instead
 * ({@code vigil.cluster.allow-sqlite}: one machine only), to try the harness where
 * PostgreSQL support is missing.
 */
final class JarCluster implements AutoCloseable {

	static final String STREAM = "/api/admin/notifications/stream";

	final String name = "it-" + UUID.randomUUID().toString().substring(0, 8);

	final Path root;

	final OwnRedis redis;

	final Nginx nginx;

	final int portA = VigilProcess.freePort();

	final int portB = VigilProcess.freePort();

	private final Path java;

	private final Path jar;

	private final Map<String, String> database;

	private final List<String> extraArgs;

	VigilProcess a;

	VigilProcess b;

	private Thread cleanup;

	private JarCluster(Path root, Path java, Path jar, OwnRedis redis, Map<String, String> database,
			List<String> extraArgs) throws IOException {
		this.root = root;
		this.java = java;
		this.jar = jar;
		this.redis = redis;
		this.database = database;
		this.extraArgs = extraArgs;
		this.nginx = Nginx.start(root.resolve("nginx"), this.portA, this.portB);
	}

	/**
	 * Skips the calling test, one line, when something the cluster runs on is missing: a
	 * JDK 21+, nginx, redis-server.
	 */
	static Path requireTools() {
		Path java = ModernJava.find();
		Assumptions.assumeTrue(java != null, "no JDK 21+ found (set -Dvigil.test.java=<path to java>)");
		Nginx.require();
		OwnRedis.require();
		return java;
	}

	/** On a fresh database of the machine's PostgreSQL (127.0.0.1:5432). */
	static JarCluster start(Path root, List<String> extraArgs) throws IOException {
		Path java = requireTools();
		Map<String, String> database;
		if (sqlite()) {
			database = Map.of();
		}
		else {
			Services.requirePostgres();
			String name = "vigil_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
			createDatabase(Services.POSTGRES_HOST, Services.POSTGRES_PORT, name);
			database = postgres(Services.POSTGRES_HOST, Services.POSTGRES_PORT, name);
		}
		return start(root, java, database, extraArgs);
	}

	/** On a database of the test's own PostgreSQL cluster. */
	static JarCluster start(Path root, OwnPostgres postgres, List<String> extraArgs) throws IOException {
		Path java = requireTools();
		String name = "vigil";
		postgres.createDatabase(name);
		return start(root, java, postgres("127.0.0.1", postgres.port(), name), extraArgs);
	}

	private static JarCluster start(Path root, Path java, Map<String, String> database, List<String> extraArgs)
			throws IOException {
		Path jar = Path.of(System.getProperty("vigil.jar", "target/vigil.jar")).toAbsolutePath();
		assertThat(jar).as("the packaged jar (run ./mvnw package first)").exists();
		Files.createDirectories(root);
		OwnRedis redis = OwnRedis.start(root.resolve("redis"));
		JarCluster cluster;
		try {
			cluster = new JarCluster(root, java, jar, redis, database, extraArgs);
		}
		catch (IOException | RuntimeException | Error ex) {
			redis.close();
			throw ex;
		}
		// Processes outlive a test JVM that is stopped: end them with it.
		Thread cleanup = new Thread(cluster::close, "cluster-cleanup");
		Runtime.getRuntime().addShutdownHook(cleanup);
		cluster.cleanup = cleanup;
		Duration a;
		Duration b;
		try {
			// One after the other: the first creates the schema (and the 2 cores are not
			// shared by two cold starts).
			cluster.a = cluster.startInstance("a", cluster.portA);
			a = cluster.a.awaitHealthy(Duration.ofSeconds(180));
			cluster.b = cluster.startInstance("b", cluster.portB);
			b = cluster.b.awaitHealthy(Duration.ofSeconds(180));
		}
		catch (RuntimeException | Error ex) {
			cluster.close();
			throw ex;
		}
		System.out.printf("[cluster %s] a healthy after %d ms, then b after %d ms (%s, %s)%n", cluster.name,
				a.toMillis(), b.toMillis(), java, sqlite() ? "shared SQLite" : "PostgreSQL");
		return cluster;
	}

	private static boolean sqlite() {
		return Boolean.getBoolean("vigil.test.cluster.sqlite");
	}

	private static Map<String, String> postgres(String host, int port, String name) {
		return Map.of("VIGIL_DATABASE_URL", "jdbc:postgresql://" + host + ":" + port + "/" + name,
				"VIGIL_DATABASE_USERNAME", "postgres");
	}

	/** {@code create database} on the machine's server, with its psql. */
	private static void createDatabase(String host, int port, String name) {
		List<String> command = List.of("psql", "-h", host, "-p", Integer.toString(port), "-U", "postgres", "-d",
				"postgres", "-v", "ON_ERROR_STOP=1", "-c", "create database " + name);
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			boolean exited = TestThreads.blocking(() -> process.waitFor(60, TimeUnit.SECONDS));
			assertThat(exited && process.exitValue() == 0).as("%s: %s", command, output).isTrue();
		}
		catch (IOException ex) {
			Assumptions.abort("psql is not installed: install postgresql-client to run the cluster tests");
		}
	}

	/** Starts (or starts again, after a kill) instance {@code a} or {@code b}. */
	VigilProcess startInstance(String instance, int port) {
		Map<String, String> environment = new HashMap<>(this.database);
		environment.put("VIGIL_REDIS_URL", this.redis.url());
		environment.put("VIGIL_CLUSTER_NAME", this.name);
		environment.put("VIGIL_INSTANCE_NAME", instance);
		environment.put("VIGIL_AUTH_SIGNING_KEY", TwoInstances.SIGNING_KEY);
		environment.put("VIGIL_WEB_TRUSTPROXY", "true");
		List<String> args = new ArrayList<>(List.of("--vigil.logs.directory=" + this.root.resolve(instance + "-logs"),
				// The tests hold more streams per admin than a person would.
				"--vigil.stream.max-per-admin=1000"));
		Path data = this.root.resolve(instance + "-data");
		if (sqlite()) {
			args.add("--vigil.cluster.allow-sqlite=true");
			data = this.root.resolve("shared-data");
		}
		args.addAll(this.extraArgs);
		return VigilProcess.startJar(this.java, this.jar, data, port, this.root.resolve(instance + ".out"), args,
				environment);
	}

	/**
	 * The instances ({@code a}, {@code b}) that served the finished requests whose path
	 * and query contain {@code text}, in nginx's log order; waits up to 10 s for at least
	 * {@code count} (a stream is logged when it ends).
	 */
	List<String> servedBy(String method, String text, int count) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		List<String> found = List.of();
		while (System.nanoTime() < deadline) {
			found = this.nginx.requests(method, text).stream().map((r) -> instanceOf(r.upstream())).toList();
			if (found.size() >= count) {
				break;
			}
			TestThreads.pause(100);
		}
		return found;
	}

	/** The instance of an upstream address as {@code a} or {@code b}. */
	String instanceOf(String upstream) {
		if (upstream.endsWith(":" + this.portA)) {
			return "a";
		}
		if (upstream.endsWith(":" + this.portB)) {
			return "b";
		}
		return upstream;
	}

	/**
	 * A client of the balancer (every request goes to whichever instance nginx picks).
	 */
	VigilClient root() {
		return VigilClient.root(this.nginx.port());
	}

	/** Both instances' last lines, for assertion messages. */
	String tails() {
		return this.a.tail(30) + "\n" + this.b.tail(30) + "\n" + this.nginx.output();
	}

	@Override
	public void close() {
		if (this.cleanup != null && Thread.currentThread() != this.cleanup) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.cleanup);
			}
			catch (IllegalStateException ex) {
				// already shutting down
			}
		}
		for (AutoCloseable part : new AutoCloseable[] { this.nginx, this.a, this.b, this.redis }) {
			try {
				if (part != null) {
					part.close();
				}
			}
			catch (Exception ex) {
				// the rest still goes
			}
		}
	}

}
