package dev.vigil.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;

import dev.vigil.support.VigilProcess;

import static org.awaitility.Awaitility.await;

/**
 * A redis-server of a test's own, on a free port, for what must not be done to the
 * machine's shared Redis: stopping it, making it slow. Skips the test when redis-server
 * is not installed.
 */
final class OwnRedis implements AutoCloseable {

	private final int port;

	private Process process;

	private OwnRedis(int port) {
		this.port = port;
	}

	/** A free port with no server yet; {@link #start()} starts one there. */
	static OwnRedis onFreePort() {
		Assumptions.assumeTrue(installed(), "redis-server is not installed");
		return new OwnRedis(VigilProcess.freePort());
	}

	String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	OwnRedis start() {
		try {
			this.process = new ProcessBuilder("redis-server", "--port", Integer.toString(this.port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--enable-debug-command", "local")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		await().atMost(Duration.ofSeconds(10)).until(this::accepts);
		return this;
	}

	private boolean accepts() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean installed() {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			if (new File(dir, "redis-server").canExecute()) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void close() {
		if (this.process != null) {
			this.process.destroy();
			try {
				this.process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
