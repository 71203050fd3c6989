package dev.vigil.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vigil.notifications.NotificationService;
import dev.vigil.support.SseClient;
import dev.vigil.support.VigilClient;
import dev.vigil.support.WsClient;

import static dev.vigil.benchmarks.Percentiles.ms;

/**
 * Broadcast delivery latency to many open subscribers, half SSE and half WebSocket, all
 * real connections on a real port. Not part of the test suite (the name does not end in
 * Tests); run:
 *
 * <pre>./mvnw -q -Pbenchmarks -Dskip.ui=true test -Dtest=BroadcastBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * Subscribers: {@code -Dbench.subscribers=2000}; rounds: {@code -Dbench.rounds=100}. The
 * result is printed and written to {@code target/benchmarks/broadcast.txt}. Clients and
 * server share the machine (and JVM), so the figures include the clients' own CPU use.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "vigil.admins.bootstrap-email=" + VigilClient.ROOT_EMAIL,
				"vigil.admins.bootstrap-password=" + VigilClient.ROOT_PASSWORD, "vigil.auth.login-rate-limit=100000",
				"vigil.stream.max-per-admin=100000", "logging.level.root=warn" })
class BroadcastBenchmark {

	private static final int SUBSCRIBERS = Integer.getInteger("bench.subscribers", 2000);

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 100);

	private static final int WARMUP = 20;

	private static final String STREAM = "/api/admin/notifications/stream";

	@LocalServerPort
	int port;

	@Autowired
	NotificationService notifications;

	@Test
	void broadcastToOpenSubscribers() throws Exception {
		VigilClient admin = VigilClient.withNewAdmin(this.port, "viewer");
		long adminId = admin.adminId();
		List<SseClient> sse = new ArrayList<>();
		List<WsClient> ws = new ArrayList<>();
		long openStart = System.nanoTime();
		for (int i = 0; i < SUBSCRIBERS; i++) {
			if (i % 2 == 0) {
				SseClient client = SseClient.open(admin, STREAM);
				client.next();
				sse.add(client);
			}
			else {
				WsClient client = WsClient.connect(admin, STREAM);
				client.next();
				ws.add(client);
			}
		}
		double openSeconds = (System.nanoTime() - openStart) / 1e9;

		long[] sseLatencies = new long[sse.size() * ROUNDS];
		long[] wsLatencies = new long[ws.size() * ROUNDS];
		long[] publishNanos = new long[ROUNDS];
		for (int round = -WARMUP; round < ROUNDS; round++) {
			long start = System.nanoTime();
			this.notifications.notify(adminId, "info", "broadcast " + round, "", null);
			long published = System.nanoTime();
			for (int i = 0; i < sse.size(); i++) {
				long latency = sse.get(i).next(Duration.ofSeconds(30)).receivedNanos() - start;
				if (round >= 0) {
					sseLatencies[round * sse.size() + i] = latency;
				}
			}
			for (int i = 0; i < ws.size(); i++) {
				long latency = ws.get(i).next(Duration.ofSeconds(30)).receivedNanos() - start;
				if (round >= 0) {
					wsLatencies[round * ws.size() + i] = latency;
				}
			}
			if (round >= 0) {
				publishNanos[round] = published - start;
			}
			Thread.sleep(50);
		}
		long[] all = new long[sseLatencies.length + wsLatencies.length];
		System.arraycopy(sseLatencies, 0, all, 0, sseLatencies.length);
		System.arraycopy(wsLatencies, 0, all, sseLatencies.length, wsLatencies.length);
		System.gc();
		long heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);

		String report = String.format("""
				broadcast to %d subscribers (%d SSE + %d WebSocket), %d rounds after %d warm-up, Java %s
				connections opened in %.1f s; heap used after GC with all open: %d MB; live threads: %d
				delivery (publish call to client read), all:       p50 %s  p99 %s  max %s
				delivery, SSE only:                                 p50 %s  p99 %s
				delivery, WebSocket only:                           p50 %s  p99 %s
				publish call (insert + count + fan-out to queues):  p50 %s  p99 %s
				""", SUBSCRIBERS, sse.size(), ws.size(), ROUNDS, WARMUP, Runtime.version(), openSeconds, heapMb,
				ManagementFactory.getThreadMXBean().getThreadCount(), ms(all, 50), ms(all, 99), ms(all, 100),
				ms(sseLatencies, 50), ms(sseLatencies, 99), ms(wsLatencies, 50), ms(wsLatencies, 99),
				ms(publishNanos, 50), ms(publishNanos, 99));
		System.out.println(report);
		Path out = Path.of("target/benchmarks/broadcast.txt");
		Files.createDirectories(out.getParent());
		Files.writeString(out, report);
		sse.forEach(SseClient::close);
		ws.forEach(WsClient::close);
	}

}
