package dev.vigil.notifications;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.vigil.support.Probes;
import dev.vigil.support.SseClient;
import dev.vigil.support.TestThreads;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;
import dev.vigil.support.WsClient;

import static dev.vigil.notifications.NotificationStreamLimitsIntegrationTests.METRICS_TOKEN;
import static dev.vigil.notifications.NotificationStreamLimitsIntegrationTests.awaitOpenConnections;
import static dev.vigil.notifications.NotificationStreamLimitsIntegrationTests.metric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every way a connection ends releases it: 10,000 connect/disconnect cycles, in parallel,
 * over both transports and three streams, leave the connection gauges and the process's
 * open file descriptors (server and clients share this JVM) where they started. A short
 * heartbeat makes the server notice vanished SSE clients quickly (a servlet container
 * learns of a closed SSE socket only when it next writes).
 */
@VigilIntegrationTest
@TestPropertySource(properties = { "vigil.stream.max-per-admin=2000", "vigil.stream.heartbeat=300ms",
		"vigil.metrics.token=" + METRICS_TOKEN })
class NotificationStreamChurnIntegrationTests {

	static final String STREAM = NotificationStreamIntegrationTests.STREAM;

	/**
	 * The log stream sends nothing until a line is written unless asked for recent ones.
	 */
	private static final List<String> STREAMS = List.of(STREAM, "/api/admin/logs/stream?backlog=1",
			"/api/admin/dashboard/stream");

	private static final int CYCLES = 10_000;

	private static final int WORKERS = 8;

	/**
	 * Descriptors allowed above the baseline afterwards: keep-alive connections of the
	 * REST clients (each one a client and a server socket) and the JDK's lazily opened
	 * files (jars, /dev/random). A leak of even one cycle in 300 would exceed it.
	 */
	private static final int FD_TOLERANCE = 32;

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Test
	void tenThousandConnectDisconnectCyclesLeaveNoConnectionOrDescriptorBehind() throws Exception {
		VigilClient admin = VigilClient.withNewAdmin(this.port, "viewer");
		// Warm up: class loading, the clients' selectors and pools, the log tailer's
		// first start.
		for (int i = 0; i < 40; i++) {
			cycle(admin, i);
		}
		awaitOpenConnections(this.port, 0);
		await().atMost(Duration.ofSeconds(10)).until(() -> gauge("vigil.logs.tailers") == 0);
		double closesBefore = metric(this.port, "vigil_stream_closes_total");
		long fdsBefore = Probes.openFds();
		int threadsBefore = Thread.activeCount();
		// Other test contexts cached in this JVM may hold tailers of their own: count,
		// don't expect none.
		long tailerThreadsBefore = tailerThreads();

		AtomicLong fdsPeak = new AtomicLong(fdsBefore);
		AtomicLong connectionsPeak = new AtomicLong();
		Thread sampler = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				fdsPeak.accumulateAndGet(Probes.openFds(), Math::max);
				connectionsPeak.accumulateAndGet((long) Probes.openStreams(this.meters), Math::max);
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "leak-sampler");
		sampler.setDaemon(true);
		sampler.start();

		AtomicInteger next = new AtomicInteger();
		long start = System.nanoTime();
		TestThreads.runOn(WORKERS, () -> {
			for (int i = next.getAndIncrement(); i < CYCLES; i = next.getAndIncrement()) {
				cycle(admin, i);
			}
			return null;
		});
		double seconds = (System.nanoTime() - start) / 1e9;

		awaitOpenConnections(this.port, 0);
		await().atMost(Duration.ofSeconds(30)).until(() -> gauge("vigil.logs.tailers") == 0);
		await().atMost(Duration.ofSeconds(30)).until(() -> Probes.openFds() <= fdsBefore + FD_TOLERANCE);
		sampler.interrupt();
		sampler.join();
		long fdsAfter = Probes.openFds();
		System.out.printf(
				"leaks: %d cycles in %.1f s; connections gauge before 0, peak %d, after %.0f; open fds before %d, "
						+ "peak %d, after %d; threads before %d, after %d%n",
				CYCLES, seconds, connectionsPeak.get(), metric(this.port, "vigil_stream_connections"), fdsBefore,
				fdsPeak.get(), fdsAfter, threadsBefore, Thread.activeCount());
		assertThat(metric(this.port, "vigil_stream_closes_total") - closesBefore).isGreaterThanOrEqualTo(CYCLES);
		assertThat(gauge("vigil.logs.subscribers")).isZero();
		assertThat(fdsAfter).isLessThanOrEqualTo(fdsBefore + FD_TOLERANCE);
		await().atMost(Duration.ofSeconds(10)).until(() -> tailerThreads() <= tailerThreadsBefore);
	}

	private static long tailerThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((t) -> t.getName().startsWith("log-tailer-"))
			.count();
	}

	/**
	 * One connection on one of the streams, ended one of four ways: read the first event
	 * then close cleanly or vanish, or vanish before the server has sent anything (SSE:
	 * before the first event; WebSocket: right after the handshake).
	 */
	private static void cycle(VigilClient admin, int i) {
		String stream = STREAMS.get((i / 4) % STREAMS.size());
		switch (i % 4) {
			case 0 -> {
				try (SseClient sse = SseClient.open(admin, stream)) {
					assertThat(sse.next(Duration.ofSeconds(30))).as("first event of %s", stream).isNotNull();
				}
			}
			case 1 -> SseClient.open(admin, stream).close();
			case 2 -> {
				try (WsClient ws = WsClient.connect(admin, stream)) {
					assertThat(ws.next(Duration.ofSeconds(30))).as("first frame of %s", stream).isNotNull();
				}
			}
			default -> WsClient.connect(admin, stream).abort();
		}
	}

	private double gauge(String name) {
		return this.meters.get(name).gauge().value();
	}

}
