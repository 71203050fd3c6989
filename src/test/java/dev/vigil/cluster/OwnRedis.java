package dev.vigil.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;

import dev.vigil.support.TestThreads;
import dev.vigil.support.VigilProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A redis-server of the test's own on a free port, keeping nothing on disk (as the
 * machine's), so that a test can kill it and start it again on the same port. The
 * machine's Redis is never touched.
 */
final class OwnRedis implements AutoCloseable {

	static final Path BINARY = Path.of(System.getProperty("vigil.test.redis-server", "/usr/bin/redis-server"));

	private final Path dir;

	private final int port = VigilProcess.freePort();

	private Process process;

	private OwnRedis(Path dir) {
		this.dir = dir;
	}

	/** Skips the calling test, in one line, without redis-server. */
	static void require() {
		Assumptions.assumeTrue(Files.isExecutable(BINARY),
				"redis-server is not installed at " + BINARY + ": install redis-server to run the cluster tests");
	}

	static OwnRedis start(Path dir) throws IOException {
		require();
		Files.createDirectories(dir);
		return new OwnRedis(dir).start();
	}

	/** One on a free port, not started yet ({@link #start()} starts it). */
	static OwnRedis onFreePort() {
		require();
		try {
			return new OwnRedis(Files.createTempDirectory("vigil-redis-"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	/**
	 * Starts it (again) on its port and waits until it answers PING. DEBUG is allowed
	 * from loopback: {@code DEBUG SLEEP} makes it slow.
	 */
	OwnRedis start() {
		try {
			this.process = new ProcessBuilder(BINARY.toString(), "--port", Integer.toString(this.port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--enable-debug-command", "local", "--dir",
					this.dir.toAbsolutePath().toString())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.dir.resolve("redis.out").toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			assertThat(this.process.isAlive()).as("redis-server on %d exited\n%s", this.port, output()).isTrue();
			if (ping()) {
				return this;
			}
			TestThreads.pause(50);
		}
		throw new AssertionError("redis-server not answering on " + this.port + "\n" + output());
	}

	/** {@code kill -9}: every connection and subscription is gone at once. */
	void kill() {
		this.process.destroyForcibly();
		TestThreads.blocking(this.process::waitFor);
	}

	private boolean ping() {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] answer = new byte[7];
			int read = in.read(answer);
			return read > 0 && new String(answer, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private String output() {
		try {
			return Files.readString(this.dir.resolve("redis.out"));
		}
		catch (IOException ex) {
			return "";
		}
	}

	@Override
	public void close() {
		if (this.process != null && this.process.isAlive()) {
			kill();
		}
	}

}
