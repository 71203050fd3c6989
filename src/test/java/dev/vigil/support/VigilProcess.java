package dev.vigil.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Vigil as a separate operating-system process (a child JVM on the test classpath), for
 * what an in-JVM server cannot show: {@code kill -9}, restart on the same data directory,
 * and how the process itself behaves (exit code, console output) when its environment is
 * broken. stdout and stderr go to one file, read back by {@link #output()}.
 */
public final class VigilProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Process process;

	private final int port;

	private final Path log;

	private final long startedNanos = System.nanoTime();

	private VigilProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts Vigil on {@code port} with {@code dataDir}, the test root admin and
	 * {@code extraArgs} (an option given there replaces the default of the same name).
	 */
	public static VigilProcess start(Path dataDir, int port, Path log, List<String> extraArgs) {
		return start(dataDir, port, log, extraArgs, null);
	}

	/**
	 * As {@link #start(Path, int, Path, List)}, in a shell that first limits the size of
	 * any file the process writes to {@code fileSizeLimitKb} (the {@code ulimit -f} of a
	 * full disk, for one process).
	 */
	public static VigilProcess start(Path dataDir, int port, Path log, List<String> extraArgs,
			Integer fileSizeLimitKb) {
		// The command goes in as positional parameters, so nothing in it is parsed by the
		// shell.
		List<String> launcher = (fileSizeLimitKb != null)
				? List.of("bash", "-c", "ulimit -f " + fileSizeLimitKb + " && exec \"$@\"", "vigil") : List.of();
		return launch(launcher, dataDir, port, log, extraArgs);
	}

	/**
	 * As {@link #start(Path, int, Path, List)}, the JVM's command line appended to
	 * {@code launcher} (a program that runs its arguments, such as
	 * {@code strace -o trace --}).
	 */
	public static VigilProcess launch(List<String> launcher, Path dataDir, int port, Path log, List<String> extraArgs) {
		List<String> command = new ArrayList<>(launcher);
		command.addAll(java("dev.vigil.VigilApplication", List.of("-Xmx256m"), arguments(dataDir, port, extraArgs)));
		return run(command, port, log, Map.of());
	}

	/**
	 * Starts the packaged jar the way users do, {@code java -jar vigil.jar}, with the
	 * given {@code java} binary (the runtime under test), {@code dataDir}, the test root
	 * admin and {@code extraArgs}.
	 */
	public static VigilProcess startJar(Path java, Path jar, Path dataDir, int port, Path log, List<String> extraArgs) {
		return startJar(java, jar, dataDir, port, log, extraArgs, Map.of());
	}

	/**
	 * As {@link #startJar(Path, Path, Path, int, Path, List)}, with {@code environment}
	 * added to this JVM's (settings as users give them: {@code VIGIL_DATABASE_URL}, …).
	 */
	public static VigilProcess startJar(Path java, Path jar, Path dataDir, int port, Path log, List<String> extraArgs,
			Map<String, String> environment) {
		List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", jar.toString()));
		command.addAll(arguments(dataDir, port, extraArgs));
		return run(command, port, log, environment);
	}

	/**
	 * Port, data directory and the test root admin, unless {@code extraArgs} sets one of
	 * them.
	 */
	private static List<String> arguments(Path dataDir, int port, List<String> extraArgs) {
		List<String> args = new ArrayList<>();
		args.add("--server.port=" + port);
		args.add("--vigil.storage.data-dir=" + dataDir.toAbsolutePath());
		for (String option : List.of("--vigil.admins.bootstrap-email=" + VigilClient.ROOT_EMAIL,
				"--vigil.admins.bootstrap-password=" + VigilClient.ROOT_PASSWORD,
				"--vigil.auth.login-rate-limit=100000")) {
			String name = option.substring(0, option.indexOf('=') + 1);
			if (extraArgs.stream().noneMatch((arg) -> arg.startsWith(name))) {
				args.add(option);
			}
		}
		args.addAll(extraArgs);
		return args;
	}

	private static VigilProcess run(List<String> command, int port, Path log, Map<String, String> environment) {
		try {
			Files.createDirectories(log.getParent());
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
			builder.environment().putAll(environment);
			Process process = builder.start();
			return new VigilProcess(process, port, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The command that runs {@code mainClass} in a new JVM on this JVM's classpath. Perf
	 * data is off (it is a file in /tmp, which a file size limit would break); C1 only,
	 * because these JVMs live for seconds and start faster without C2.
	 */
	public static List<String> java(String mainClass, List<String> jvmArgs, List<String> args) {
		String java = ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> command = new ArrayList<>();
		command.add(java);
		command.add("-XX:-UsePerfData");
		command.add("-XX:TieredStopAtLevel=1");
		command.addAll(jvmArgs);
		command.add("-cp");
		command.add(classpath);
		command.add(mainClass);
		command.addAll(args);
		return command;
	}

	/** A port nobody listens on right now. */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Waits until {@code /api/health} answers 200; fails at once if the process exits
	 * first.
	 * @return how long the process took from its start to healthy
	 */
	public Duration awaitHealthy(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/health"))
			.timeout(Duration.ofSeconds(5))
			.build();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new AssertionError(
						"Vigil exited with " + this.process.exitValue() + " before it was healthy\n" + tail(40));
			}
			try {
				if (HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return elapsed();
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			TestThreads.pause(200);
		}
		throw new AssertionError("Vigil not healthy within " + timeout + "\n" + tail(40));
	}

	/** Waits for the process to exit by itself; its exit code. */
	public int awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError("Vigil still running after " + timeout + "\n" + tail(40));
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Time since {@link #start}. */
	public Duration elapsed() {
		return Duration.ofNanos(System.nanoTime() - this.startedNanos);
	}

	/**
	 * SIGTERM, as a service manager stops Vigil; whether the process exited within
	 * {@code timeout}.
	 */
	public boolean terminate(Duration timeout) {
		this.process.destroy();
		return TestThreads.blocking(() -> this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS));
	}

	/** The operating system's id of the process (for a thread dump with {@code jcmd}). */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * {@code kill -9}: no shutdown hook, no graceful close, nothing flushed that was not
	 * already.
	 */
	public void kill() {
		destroy();
		awaitDeath();
	}

	/** Everything the process printed so far (stdout and stderr). */
	public String output() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "<cannot read " + this.log + ": " + ex.getMessage() + ">";
		}
	}

	/** The last {@code lines} lines of the output, for assertion messages. */
	public String tail(int lines) {
		List<String> all = output().lines().toList();
		return "--- last lines of " + this.log + " ---\n"
				+ String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			destroy();
			awaitDeath();
		}
	}

	/**
	 * The JVM too when it runs under a launcher: a killed tracer (strace) would leave its
	 * tracee running.
	 */
	private void destroy() {
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.destroyForcibly();
	}

	private void awaitDeath() {
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				throw new AssertionError("Vigil (pid " + this.process.pid() + ") did not die within 30 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
