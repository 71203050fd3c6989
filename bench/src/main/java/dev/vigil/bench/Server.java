package dev.vigil.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;

/** The server as seen from outside: Prometheus gauges, its process (RSS), and a GC via jcmd. */
final class Server {

	private final HttpClient http;

	private final String base;

	private final String token;

	private final String pidOption;

	private final int port;

	Server(HttpClient http, String base, String token, String pidOption) {
		this.http = http;
		this.base = base;
		this.token = token;
		this.pidOption = pidOption;
		java.net.URI uri = java.net.URI.create(base);
		this.port = (uri.getPort() > 0) ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
	}

	String metrics() {
		return Api.prometheus(this.http, this.base, this.token);
	}

	/** {@code vigil_stream_connections}, all streams and transports (or one stream). */
	double connections(String stream) {
		return (stream == null) ? Api.sum(metrics(), "vigil_stream_connections")
				: Api.sum(metrics(), "vigil_stream_connections", "stream=\"" + stream + "\"");
	}

	/** Polls the gauge until {@code test} holds; returns the seconds it took, or -1 on timeout. */
	double awaitConnections(String stream, DoublePredicate test, Duration timeout) {
		long start = System.nanoTime();
		while (System.nanoTime() - start < timeout.toNanos()) {
			if (test.test(connections(stream))) {
				return (System.nanoTime() - start) / 1e9;
			}
			sleep(200);
		}
		return -1;
	}

	double heapUsedBytes() {
		return Api.sum(metrics(), "jvm_memory_used_bytes", "area=\"heap\"");
	}

	/** The server's process id: {@code --pid}, else the process holding the listening socket of the URL's port. */
	long pid() {
		if (!this.pidOption.isEmpty()) {
			return Long.parseLong(this.pidOption);
		}
		String inode = listeningInode();
		if (inode == null) {
			throw new BenchException("no local process listens on port " + this.port + " (pass --pid)");
		}
		String target = "socket:[" + inode + "]";
		try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path proc : procs) {
				try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
					for (Path fd : fds) {
						try {
							if (Files.readSymbolicLink(fd).toString().equals(target)) {
								return Long.parseLong(proc.getFileName().toString());
							}
						}
						catch (IOException ex) {
							// fd closed meanwhile
						}
					}
				}
				catch (IOException | SecurityException ex) {
					// another user's process
				}
			}
		}
		catch (IOException ex) {
			throw new BenchException("cannot scan /proc: " + ex);
		}
		throw new BenchException("cannot find the process of port " + this.port + " (pass --pid)");
	}

	private String listeningInode() {
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			try {
				for (String line : Files.readAllLines(Path.of(table))) {
					String[] f = line.trim().split("\\s+");
					if (f.length > 9 && f[1].contains(":") && f[3].equals("0A")) {
						int p = Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16);
						if (p == this.port) {
							return f[9];
						}
					}
				}
			}
			catch (IOException ex) {
				// no IPv6 table
			}
		}
		return null;
	}

	static long rssKb(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException ex) {
			throw new BenchException("cannot read /proc/" + pid + "/status: " + ex);
		}
		throw new BenchException("no VmRSS in /proc/" + pid + "/status");
	}

	static int openFds(long pid) {
		try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
			return (int) fds.count();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/** {@code jcmd <pid> GC.run} with the running JDK's jcmd (else the one on PATH); false when unavailable. */
	static boolean gc(long pid) {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		String command = Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd";
		try {
			Process process = new ProcessBuilder(command, Long.toString(pid), "GC.run").redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0 && !output.contains("Exception");
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BenchException("interrupted");
		}
	}

}
