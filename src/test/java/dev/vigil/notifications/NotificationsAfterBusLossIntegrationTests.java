package dev.vigil.notifications;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.vigil.support.SseClient;
import dev.vigil.support.TestThreads;
import dev.vigil.support.TwoInstances;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilProcess;
import dev.vigil.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bus restarted in the middle of a send burst: a Redis of the test's own is killed
 * while notifications are sent through B and started again on the same port; A's SSE and
 * WebSocket subscribers end up with every notification exactly once (A catches up from
 * the database and leaves out what it had delivered).
 */
class NotificationsAfterBusLossIntegrationTests {

	static final int SENDS = 300;

	static final int KILL_AT = 80;

	static final int RESTART_AT = 200;

	@TempDir
	Path root;

	private final List<AutoCloseable> running = new ArrayList<>();

	private int redisPort;

	private Process redis;

	@AfterEach
	void stop() throws Exception {
		List<AutoCloseable> last = new ArrayList<>(this.running);
		Collections.reverse(last);
		for (AutoCloseable closeable : last) {
			closeable.close();
		}
		if (this.redis != null) {
			this.redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void nothingIsLostOrDuplicatedWhenRedisRestartsMidBurst() throws Exception {
		int portA = VigilProcess.freePort();
		int portB = VigilProcess.freePort();
		VigilProcess a = startCluster(portA, portB);

		String email = VigilClient.createAdmin(portA, "viewer");
		VigilClient onA = VigilClient.loggedIn(portA, email);
		long adminId = onA.adminId();
		VigilClient rootB = VigilClient.root(portB);
		List<String> viaSse = new CopyOnWriteArrayList<>();
		List<String> viaWs = new CopyOnWriteArrayList<>();
		SseClient sse = SseClient.open(onA, NotificationsAcrossInstancesIntegrationTests.STREAM);
		WsClient ws = WsClient.connect(onA, NotificationsAcrossInstancesIntegrationTests.STREAM);
		this.running.add(sse);
		this.running.add(ws);
		collect(() -> {
			SseClient.Event event = sse.next(Duration.ofSeconds(1));
			return (event != null && event.name().equals("notification")) ? event.json() : null;
		}, viaSse);
		collect(() -> {
			WsClient.Frame frame = ws.next(Duration.ofSeconds(1));
			return (frame != null) ? frame.json() : null;
		}, viaWs);

		// The bus works: one through B arrives live.
		NotificationsAcrossInstancesIntegrationTests.send(rootB, adminId, "warm-up");
		await().atMost(Duration.ofSeconds(20)).until(() -> viaSse.contains("warm-up") && viaWs.contains("warm-up"));

		List<String> sent = new ArrayList<>(List.of("warm-up"));
		List<String> sentWhileDown = new ArrayList<>();
		for (int i = 0; i < SENDS; i++) {
			if (i == KILL_AT) {
				this.redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			if (i == RESTART_AT) {
				startRedis();
			}
			String title = "n-" + i;
			NotificationsAcrossInstancesIntegrationTests.send(rootB, adminId, title);
			sent.add(title);
			if (i >= KILL_AT && i < RESTART_AT) {
				sentWhileDown.add(title);
			}
		}

		await().atMost(Duration.ofSeconds(60))
			.until(() -> new HashSet<>(viaSse).containsAll(sent) && new HashSet<>(viaWs).containsAll(sent));
		// Late duplicates would come from the catch-up: it has run (and sent what the
		// bus lost) once A logs it; then a quiet moment.
		await().atMost(Duration.ofSeconds(30)).until(() -> caughtUp(a) > 0);
		TestThreads.pause(2000);
		assertThat(sentWhileDown).hasSize(RESTART_AT - KILL_AT);
		assertThat(viaSse).as("SSE: 0 lost, 0 duplicated")
			.hasSize(sent.size())
			.containsExactlyInAnyOrderElementsOf(sent);
		assertThat(viaWs).as("WS: 0 lost, 0 duplicated").hasSize(sent.size()).containsExactlyInAnyOrderElementsOf(sent);
		System.out.printf(
				"bus restart mid-burst: %d sent through B, %d while Redis was down, %d caught up by A; "
						+ "SSE %d received, WS %d received%n",
				sent.size(), sentWhileDown.size(), caughtUp(a), viaSse.size(), viaWs.size());
	}

	@Test
	void aSessionRevokedWhileTheBusIsDownHasItsStreamsClosedWhenItIsBack() throws Exception {
		int portA = VigilProcess.freePort();
		int portB = VigilProcess.freePort();
		startCluster(portA, portB);
		String email = VigilClient.createAdmin(portA, "viewer");
		VigilClient onA = VigilClient.loggedIn(portA, email);
		VigilClient kept = VigilClient.loggedIn(portA, email);
		WsClient ws = WsClient.connect(onA, NotificationsAcrossInstancesIntegrationTests.STREAM);
		WsClient keptWs = WsClient.connect(kept, NotificationsAcrossInstancesIntegrationTests.STREAM);
		this.running.add(ws);
		this.running.add(keptWs);
		ws.next();
		keptWs.next();

		this.redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		VigilClient.root(portB).delete("/api/admin/sessions/" + onA.currentSessionId()).assertStatus(200);
		// Nothing can tell A now; it finds out when the bus is back.
		TestThreads.pause(1000);
		assertThat(ws.isClosed()).isFalse();
		startRedis();
		assertThat(ws.closeCode(Duration.ofSeconds(60))).isEqualTo(1008);
		assertThat(keptWs.isClosed()).isFalse();
	}

	/**
	 * The test's own Redis, then A and B on it (B once A is up: two instances creating
	 * the first admin at once on a new database race); A.
	 */
	private VigilProcess startCluster(int portA, int portB) throws IOException {
		Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/redis-server")),
				"redis-server is not installed: install it to run the bus restart tests");
		this.redisPort = VigilProcess.freePort();
		startRedis();
		String cluster = "test-" + UUID.randomUUID();
		VigilProcess a = vigil("a", portA, cluster);
		a.awaitHealthy(Duration.ofSeconds(90));
		vigil("b", portB, cluster).awaitHealthy(Duration.ofSeconds(90));
		return a;
	}

	/** How many notifications A's catch-ups after a bus loss sent (from its log). */
	static int caughtUp(VigilProcess process) {
		Matcher matcher = Pattern.compile("notifications caught up after a bus loss .*?(\\d+) missed sent")
			.matcher(process.output());
		int total = 0;
		while (matcher.find()) {
			total += Integer.parseInt(matcher.group(1));
		}
		return total;
	}

	interface Source {

		JsonNode next();

	}

	/** Reads the titles of created notifications into {@code titles} on a thread. */
	private void collect(Source source, List<String> titles) {
		Thread reader = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				try {
					JsonNode event = source.next();
					if (event != null && event.get("type").asString().equals("notification")) {
						titles.add(event.get("notification").get("title").asString());
					}
				}
				catch (RuntimeException ex) {
					return;
				}
			}
		}, "collect");
		reader.setDaemon(true);
		reader.start();
		this.running.add(reader::interrupt);
	}

	/** As {@link TwoInstances} starts its processes, on the test's own Redis. */
	private VigilProcess vigil(String name, int port, String cluster) {
		VigilProcess process = VigilProcess.start(this.root.resolve("data"), port, this.root.resolve(name + ".out"),
				List.of("--vigil.cluster.redis-url=redis://127.0.0.1:" + this.redisPort,
						"--vigil.cluster.name=" + cluster, "--vigil.cluster.instance-name=" + name,
						"--vigil.cluster.allow-sqlite=true", "--vigil.cluster.heartbeat=200ms",
						"--vigil.cluster.instance-ttl=2s", "--vigil.auth.signing-key=" + TwoInstances.SIGNING_KEY,
						"--vigil.logs.directory=" + this.root.resolve(name + "-logs").toAbsolutePath()));
		this.running.add(process);
		return process;
	}

	private void startRedis() throws IOException {
		this.redis = new ProcessBuilder("redis-server", "--port", Integer.toString(this.redisPort), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.root.resolve("redis.out").toFile()))
			.start();
		await().atMost(Duration.ofSeconds(10)).until(this::redisListening);
	}

	private boolean redisListening() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.redisPort), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
