package dev.vigil.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import dev.vigil.support.TestThreads;
import dev.vigil.support.VigilProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PostgreSQL cluster of the test's own ({@code initdb} + {@code pg_ctl} from Debian's
 * {@code /usr/lib/postgresql/<version>/bin}) on a free port, trust authentication, so
 * that a test can stop and start it. As root the server runs as {@code postgres} (it
 * refuses root), through {@code runuser}. The machine's PostgreSQL is never touched.
 */
final class OwnPostgres implements AutoCloseable {

	private final Path bin;

	private final Path dir;

	private final int port = VigilProcess.freePort();

	private Thread cleanup;

	private OwnPostgres(Path bin, Path dir) {
		this.bin = bin;
		this.dir = dir;
	}

	/**
	 * The newest {@code /usr/lib/postgresql/<version>/bin} with initdb and pg_ctl, or
	 * null.
	 */
	static Path binaries() {
		try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
			return versions.map((version) -> version.resolve("bin"))
				.filter((bin) -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
				.max(Comparator.comparingInt(OwnPostgres::version))
				.orElse(null);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static int version(Path bin) {
		try {
			return Integer.parseInt(bin.getParent().getFileName().toString());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	/** A new cluster in a new directory under /tmp (readable by postgres), started. */
	static OwnPostgres create() throws IOException {
		Path bin = binaries();
		Assumptions.assumeTrue(bin != null,
				"no PostgreSQL server binaries in /usr/lib/postgresql/*/bin: install postgresql to run this test");
		Path dir = Files.createTempDirectory("vigil-pg-");
		OwnPostgres postgres = new OwnPostgres(bin, dir);
		if (root()) {
			postgres.run(List.of("chown", "postgres:postgres", dir.toString()));
		}
		postgres.run(postgres.asPostgres("initdb", "-D", dir.resolve("data").toString(), "-A", "trust", "-U",
				"postgres", "--no-sync", "-E", "UTF8"));
		// A server outlives a test JVM that is stopped: end it with it.
		postgres.cleanup = new Thread(postgres::close, "postgres-cleanup");
		Runtime.getRuntime().addShutdownHook(postgres.cleanup);
		postgres.start();
		return postgres;
	}

	int port() {
		return this.port;
	}

	/** {@code pg_ctl start}: waits until it accepts connections. */
	void start() {
		run(asPostgres("pg_ctl", "-D", this.dir.resolve("data").toString(), "-l",
				this.dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
				"-p " + this.port + " -k " + this.dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
	}

	/** {@code pg_ctl stop -m fast}: every session is ended, the server is gone. */
	void stop() {
		run(asPostgres("pg_ctl", "-D", this.dir.resolve("data").toString(), "-w", "-t", "60", "-m", "fast", "stop"));
	}

	/** Creates a database. */
	void createDatabase(String name) {
		run(asPostgres("psql", "-h", "127.0.0.1", "-p", Integer.toString(this.port), "-U", "postgres", "-d", "postgres",
				"-v", "ON_ERROR_STOP=1", "-c", "create database \"" + name + "\""));
	}

	String log() {
		try {
			return Files.readString(this.dir.resolve("server.log"));
		}
		catch (IOException ex) {
			return "";
		}
	}

	private List<String> asPostgres(String program, String... args) {
		List<String> command = new ArrayList<>();
		if (root()) {
			command.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		Path binary = this.bin.resolve(program);
		command.add(Files.isExecutable(binary) ? binary.toString() : program);
		command.addAll(List.of(args));
		return command;
	}

	private static boolean root() {
		return "root".equals(System.getProperty("user.name"));
	}

	private void run(List<String> command) {
		try {
			Path out = this.dir.resolveSibling(this.dir.getFileName() + ".out");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
				.start();
			boolean exited = TestThreads.blocking(() -> process.waitFor(120, TimeUnit.SECONDS));
			assertThat(exited && process.exitValue() == 0).as("%s\n%s\n%s", command, Files.readString(out), log())
				.isTrue();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
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
		try {
			stop();
		}
		catch (AssertionError ex) {
			// already stopped
		}
		try (Stream<Path> files = Files.walk(this.dir)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// left in /tmp
		}
	}

}
