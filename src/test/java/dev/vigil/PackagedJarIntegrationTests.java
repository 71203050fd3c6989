package dev.vigil;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.vigil.support.ModernJava;
import dev.vigil.support.RawWebSocket;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar, started as users start it ({@code java -jar vigil.jar}) on the
 * runtime they run (JDK 21+, where Spring would run requests on virtual threads), answers
 * a browser's cold first visit: right after each fresh start about 45 requests at once
 * (the SPA's assets, API calls, metrics, the API document and the three stream upgrades),
 * then health within 10 s and a clean SIGTERM. This is the burst that deadlocked class
 * loading from the nested jar on virtual threads (docs/decisions.md, "Threads").
 * <p>
 * Runs in the {@code integration-test} phase, after {@code package} (Failsafe); the jar
 * is {@code -Dvigil.jar}, the runtime {@code -Dvigil.test.java} (a {@code java} binary)
 * or else the newest JDK 21+ found under {@code /usr/lib/jvm} or {@code JAVA_HOME}.
 */
class PackagedJarIntegrationTests {

	static final int ROUNDS = Integer.getInteger("vigil.test.cold-rounds", 10);

	static final Duration HEALTHY_AFTER_BURST = Duration.ofSeconds(10);

	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private final List<VigilProcess> servers = new ArrayList<>();

	@AfterEach
	void destroyServers() {
		this.servers.forEach(VigilProcess::close);
	}

	@Test
	void coldStartsOnJava21PlusAnswerABrowsersFirstVisitBurst() throws Exception {
		Path java = ModernJava.find();
		Assumptions.assumeTrue(java != null, "no JDK 21+ found (set -Dvigil.test.java=<path to java>)");
		Path jar = Path.of(System.getProperty("vigil.jar", "target/vigil.jar")).toAbsolutePath();
		assertThat(jar).as("the packaged jar (run ./mvnw package first)").exists();
		List<String> assets = assets(jar);
		Path rounds = Files.createDirectories(Path.of("target", "test-data", "cold-start")).toAbsolutePath();
		List<String> figures = new ArrayList<>();
		for (int round = 1; round <= ROUNDS; round++) {
			Path dir = Files.createTempDirectory(rounds, "round-" + round + "-");
			int port = VigilProcess.freePort();
			VigilProcess server = VigilProcess.startJar(java, jar, dir.resolve("data"), port, dir.resolve("out.log"),
					List.of());
			this.servers.add(server);
			Duration started = server.awaitHealthy(Duration.ofSeconds(120));
			if (round == 1) {
				// A clean start says nothing alarming: no JVM warning (native access is
				// enabled
				// in the jar's manifest) and no WARN but the one of a first start, which
				// generated the signing key.
				assertThat(server.output().lines()).as("warnings on a clean start of the jar")
					.filteredOn((line) -> line.startsWith("WARNING:") || line.contains(" WARN "))
					.allMatch((line) -> line.contains("dev.vigil.auth.SigningKey"));
			}
			VigilClient root = VigilClient.root(port);
			List<String> failures = burst(port, root, assets);
			long healthyMillis = millisUntilHealthy(port, HEALTHY_AFTER_BURST);
			if (!failures.isEmpty() || healthyMillis < 0) {
				Path dump = threadDump(java, server, dir);
				throw new AssertionError("round " + round + ": "
						+ (healthyMillis < 0 ? "not healthy within " + HEALTHY_AFTER_BURST + " after the burst; " : "")
						+ failures.size() + " burst requests failed "
						+ failures.subList(0, Math.min(5, failures.size())) + "; thread dump: " + dump + "\n"
						+ server.tail(20));
			}
			if (round == 1) {
				// The design, not the odds: no application code runs on a virtual thread.
				assertThat(Files.readAllLines(threadDump(java, server, dir)))
					.as("threads of the running server (virtual threads are off by design)")
					.noneMatch((line) -> line.matches("#\\d+ \".*\" virtual.*"));
			}
			long stopStart = System.nanoTime();
			assertThat(server.terminate(Duration.ofSeconds(30))).as("round %d: exit within 30 s of SIGTERM", round)
				.isTrue();
			figures.add("round %d: healthy %d ms after start, %d ms after the burst, exit %d ms after SIGTERM"
				.formatted(round, started.toMillis(), healthyMillis, (System.nanoTime() - stopStart) / 1_000_000));
		}
		System.out.println("Cold bursts on " + java + " (" + ROUNDS + " rounds, " + assets.size() + " assets):\n"
				+ String.join("\n", figures));
	}

	/**
	 * A browser's first visit, all at once: every request starts on its own thread when
	 * the last is ready. The failures: requests without an answer within
	 * {@link #REQUEST_TIMEOUT} or with a 5xx.
	 */
	private static List<String> burst(int port, VigilClient root, List<String> assets) throws InterruptedException {
		String base = "http://localhost:" + port;
		String cookies = root.cookieHeader("/api/admin/x");
		List<String> paths = new ArrayList<>();
		for (int copy = 0; copy < 3; copy++) {
			paths.add("/admin/");
			paths.addAll(assets);
		}
		for (String api : List.of("/api/admin/profile", "/api/admin/notifications/unread-count", "/api/admin/dashboard",
				"/api/admin/logs/files", "/api/admin/notifications?limit=20")) {
			paths.add(api);
			paths.add(api);
		}
		paths.addAll(List.of("/actuator/prometheus", "/actuator/prometheus", "/api/docs", "/api/docs",
				"/api/docs/ui.html", "/api/health"));
		List<String> streams = List.of("/api/admin/logs/stream", "/api/admin/notifications/stream",
				"/api/admin/dashboard/stream");
		List<String> failures = Collections.synchronizedList(new ArrayList<>());
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(REQUEST_TIMEOUT)
			.build();
		int total = paths.size() + streams.size();
		CountDownLatch ready = new CountDownLatch(total);
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(total);
		try {
			for (String path : paths) {
				threads.execute(() -> {
					HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
						.timeout(REQUEST_TIMEOUT)
						.header("Cookie", cookies)
						.build();
					await(ready, go);
					try {
						int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
						if (status >= 500) {
							failures.add(path + " -> " + status);
						}
					}
					catch (IOException | InterruptedException ex) {
						failures.add(path + " -> " + ex);
					}
				});
			}
			for (String path : streams) {
				threads.execute(() -> {
					await(ready, go);
					try (RawWebSocket ws = RawWebSocket.connect(port, path,
							List.<String[]>of(new String[] { "Cookie", cookies }))) {
						if (ws.status() != 101) {
							failures.add("WS " + path + " -> " + ws.status());
						}
					}
					catch (IOException ex) {
						failures.add("WS " + path + " -> " + ex);
					}
				});
			}
			ready.await();
			go.countDown();
			threads.shutdown();
			if (!threads.awaitTermination(REQUEST_TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS)) {
				failures.add("the burst still running after " + REQUEST_TIMEOUT.toSeconds() * 3 + " s");
			}
		}
		finally {
			threads.shutdownNow();
		}
		return failures;
	}

	private static void await(CountDownLatch ready, CountDownLatch go) {
		ready.countDown();
		try {
			go.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Milliseconds until {@code /api/health} answered 200, or -1 when it did not within
	 * {@code limit}.
	 */
	private static long millisUntilHealthy(int port, Duration limit) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		long start = System.nanoTime();
		long deadline = start + limit.toNanos();
		while (System.nanoTime() < deadline) {
			long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
			HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/health"))
				.timeout(Duration.ofMillis(left))
				.build();
			try {
				if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return (System.nanoTime() - start) / 1_000_000;
				}
			}
			catch (IOException ex) {
				// no answer in time: try again while time is left
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return -1;
			}
		}
		return -1;
	}

	/** The SPA's built assets, as the browser asks for them. */
	private static List<String> assets(Path jar) throws IOException {
		String prefix = "BOOT-INF/classes/static/admin/assets/";
		try (JarFile file = new JarFile(jar.toFile())) {
			List<String> assets = file.stream()
				.map((entry) -> entry.getName())
				.filter((name) -> name.startsWith(prefix) && !name.endsWith("/"))
				.map((name) -> "/admin/assets/" + name.substring(prefix.length()))
				.toList();
			assertThat(assets).as("the SPA's assets in " + jar).isNotEmpty();
			return assets;
		}
	}

	private static Path threadDump(Path java, VigilProcess server, Path dir) {
		Path dump = dir.resolve("threads.txt");
		try {
			new ProcessBuilder(java.resolveSibling("jcmd").toString(), Long.toString(server.pid()),
					"Thread.dump_to_file", "-format=text", dump.toString())
				.inheritIO()
				.start()
				.waitFor(30, TimeUnit.SECONDS);
		}
		catch (IOException ex) {
			return Path.of("(no thread dump: " + ex.getMessage() + ")");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return dump;
	}

}
