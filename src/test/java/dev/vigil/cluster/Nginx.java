package dev.vigil.cluster;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import dev.vigil.support.TestThreads;
import dev.vigil.support.VigilProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * nginx in front of the instances with the users' configuration,
 * {@code docs/nginx/vigil.conf}: only its listen port and the two upstream addresses are
 * replaced. Run as the current user with its pid, logs and temporary files in a directory
 * of its own; its access log names the instance ({@code $upstream_addr}) that answered
 * each request.
 */
final class Nginx implements AutoCloseable {

	static final Path BINARY = Path.of("/usr/sbin/nginx");

	static final Path CONFIG = Path.of("docs", "nginx", "vigil.conf");

	private final Path dir;

	private final int port;

	private final Process process;

	private Nginx(Path dir, int port, Process process) {
		this.dir = dir;
		this.port = port;
		this.process = process;
	}

	/** Skips the calling test, in one line, without nginx. */
	static void require() {
		Assumptions.assumeTrue(Files.isExecutable(BINARY),
				"nginx is not installed at " + BINARY + ": install nginx-light to run the cluster tests");
	}

	/** nginx on a free port in front of {@code upstreams} (two instances' ports). */
	static Nginx start(Path dir, int... upstreams) throws IOException {
		require();
		Files.createDirectories(dir);
		int port = VigilProcess.freePort();
		Files.writeString(dir.resolve("vigil.conf"), site(port, upstreams));
		String main = """
				worker_processes 1;
				pid %1$s/nginx.pid;
				error_log %1$s/error.log;
				%2$s
				events { worker_connections 4096; }
				http {
				    log_format upstream '$request_method $request_uri $status $http_upgrade $upstream_addr';
				    access_log %1$s/access.log upstream;
				    client_body_temp_path %1$s/client_body;
				    proxy_temp_path %1$s/proxy;
				    fastcgi_temp_path %1$s/fastcgi;
				    uwsgi_temp_path %1$s/uwsgi;
				    scgi_temp_path %1$s/scgi;
				    include %1$s/vigil.conf;
				}
				""".formatted(dir.toAbsolutePath(), "root".equals(System.getProperty("user.name")) ? "user root;" : "");
		Path file = dir.resolve("nginx.conf");
		Files.writeString(file, main);
		Process process = new ProcessBuilder(BINARY.toString(), "-p", dir.toAbsolutePath() + "/", "-e",
				dir.resolve("error.log").toAbsolutePath().toString(), "-c", file.toAbsolutePath().toString(), "-g",
				"daemon off;")
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("nginx.out").toFile())
			.start();
		Nginx nginx = new Nginx(dir, port, process);
		nginx.awaitListening();
		return nginx;
	}

	/**
	 * The users' file with this test's addresses; each replacement must have happened, so
	 * a change to the file that moves them fails here rather than testing something else.
	 */
	static String site(int port, int... upstreams) throws IOException {
		String conf = Files.readString(CONFIG);
		List<String[]> replacements = new ArrayList<>();
		replacements.add(new String[] { "listen 80;", "listen 127.0.0.1:" + port + ";" });
		replacements.add(new String[] { "server 127.0.0.1:8081 ", "server 127.0.0.1:" + upstreams[0] + " " });
		replacements.add(new String[] { "server 127.0.0.1:8082 ", "server 127.0.0.1:" + upstreams[1] + " " });
		for (String[] replacement : replacements) {
			assertThat(conf).as("%s in %s", replacement[0], CONFIG).contains(replacement[0]);
			conf = conf.replace(replacement[0], replacement[1]);
		}
		return conf;
	}

	int port() {
		return this.port;
	}

	/** One line of the access log. */
	record Request(String method, String uri, int status, boolean websocket, String upstream) {
	}

	/**
	 * The finished requests (a stream is logged when it ends) whose path and query
	 * contain {@code text}, in the order nginx logged them; {@code upstream} is the
	 * instance's address, or several when nginx tried more than one.
	 */
	List<Request> requests(String method, String text) {
		List<Request> found = new ArrayList<>();
		for (String line : accessLog()) {
			String[] parts = line.split(" ", 5);
			if (parts.length == 5 && parts[0].equals(method) && parts[1].contains(text)) {
				found.add(new Request(parts[0], parts[1], Integer.parseInt(parts[2]),
						parts[3].equalsIgnoreCase("websocket"), parts[4]));
			}
		}
		return found;
	}

	List<String> accessLog() {
		try {
			return Files.readAllLines(this.dir.resolve("access.log"));
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	String output() {
		try {
			return Files.readString(this.dir.resolve("nginx.out")) + Files.readString(this.dir.resolve("error.log"));
		}
		catch (IOException ex) {
			return "(no nginx output: " + ex.getMessage() + ")";
		}
	}

	private void awaitListening() {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			assertThat(this.process.isAlive()).as(this::output).isTrue();
			try (Socket socket = new Socket("127.0.0.1", this.port)) {
				return;
			}
			catch (IOException ex) {
				TestThreads.pause(100);
			}
		}
		throw new AssertionError("nginx not listening on " + this.port + " within 20 s\n" + output());
	}

	@Override
	public void close() {
		this.process.destroy();
		boolean exited = TestThreads.blocking(() -> this.process.waitFor(10, TimeUnit.SECONDS));
		if (!exited) {
			this.process.destroyForcibly();
		}
	}

}
