package dev.vigil.logs;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.vigil.support.LogDirectory;
import dev.vigil.support.Probes;
import dev.vigil.support.RawHttp;
import dev.vigil.support.SseClient;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;
import dev.vigil.support.WsClient;
import dev.vigil.support.LogLines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Log clients that stop reading, on a log directory of their own (the resume test leaves
 * a 50 MB file behind). Resumers far behind must cost the server no more than their
 * queues; a WebSocket peer that stops reading is cut once a send has blocked for
 * {@code send-time-limit}.
 */
@VigilIntegrationTest
@TestPropertySource(properties = "vigil.stream.send-time-limit=2s")
class StalledLogClientsIntegrationTests {

	static final String STREAM = "/api/admin/logs/stream";

	static final LogDirectory LOGS = LogDirectory.create("vigil-stalled-logs-test");

	/** Resumers: one viewer's worth, below the per-admin cap of 20. */
	static final int RESUMERS = 16;

	static final long GAP_BYTES = 50L * 1024 * 1024;

	/**
	 * Far above what a resumer reading a chunk at a time holds, far below a replay held
	 * whole (GBs).
	 */
	static final long HEAP_BOUND = 48L * 1024 * 1024;

	@DynamicPropertySource
	static void logDirectory(DynamicPropertyRegistry registry) {
		LOGS.register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	VigilClient viewer;

	String token;

	/** The tests write over 100 MB; a temporary directory is not cleaned up for us. */
	@AfterAll
	static void emptyTheLog() throws IOException {
		LOGS.truncate();
	}

	@BeforeEach
	void setUp() {
		await().atMost(Duration.ofSeconds(30)).until(() -> subscribers() == 0);
		this.viewer = VigilClient.withNewAdmin(this.port, "viewer");
		this.token = "t" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void resumersFarBehindThatReadNothingHoldOnlyABoundedAmountOfHeap() throws Exception {
		LOGS.append(line("cursor") + "\n");
		String cursor;
		try (SseClient sse = SseClient.open(this.viewer, stream() + "&backlog=1")) {
			cursor = sse.next().id();
		}
		String padding = "p".repeat(900);
		long written = 0;
		int n = 0;
		while (written < GAP_BYTES) {
			StringBuilder burst = new StringBuilder();
			for (int i = 0; i < 1000; i++) {
				burst.append(line("gap " + (n++) + " " + padding)).append('\n');
			}
			LOGS.append(burst.toString());
			written += burst.length();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> subscribers() == 0);

		long baseline = Probes.heapAfterGc();
		double sentBefore = sent();
		List<Socket> resumers = new ArrayList<>();
		long peak = 0;
		try {
			for (int i = 0; i < RESUMERS; i++) {
				resumers.add(stalledResume(cursor));
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> subscribers() >= RESUMERS);
			// Until every resumer has had lines written to it (its replay is under way),
			// then a few more looks.
			long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
			int looksAfter = 3;
			while (looksAfter > 0 && peak <= HEAP_BOUND && System.nanoTime() < deadline) {
				Thread.sleep(1000);
				peak = Math.max(peak, Probes.heapAfterGc() - baseline);
				if (sent() - sentBefore >= RESUMERS * 100) {
					looksAfter--;
				}
			}
			System.out.printf(
					"stalled resumers: %d, gap %d MB (%d lines), heap after GC before %.1f MB, peak growth %.1f MB,"
							+ " lines sent %.0f%n",
					RESUMERS, written >> 20, n, baseline / 1048576.0, peak / 1048576.0, sent() - sentBefore);
			assertThat(sent() - sentBefore).as("lines written to the stalled resumers")
				.isGreaterThanOrEqualTo(RESUMERS * 100);
			assertThat(peak).as("heap growth with %d stalled resumers %d MB behind", RESUMERS, written >> 20)
				.isLessThan(HEAP_BOUND);
		}
		finally {
			for (Socket socket : resumers) {
				socket.close();
			}
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> subscribers() == 0);
	}

	@Test
	void aWebSocketClientThatStopsReadingIsCutAfterTheSendTimeLimit() throws IOException {
		try (WsClient ws = WsClient.connect(this.viewer, stream())) {
			await().atMost(Duration.ofSeconds(10)).until(() -> subscribers() >= 1);
			ws.stall();
			long stalled = System.nanoTime();
			String padding = "p".repeat(4000);
			int written = 0;
			// Enough to fill the socket buffers (a send then blocks) and the queue behind
			// them.
			while (written < 20_000 && subscribers() > 0) {
				StringBuilder burst = new StringBuilder();
				for (int i = 0; i < 100; i++) {
					burst.append(line("flood " + (written++) + " " + padding)).append('\n');
				}
				LOGS.append(burst.toString());
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> subscribers() == 0);
			long cutAfterMillis = Duration.ofNanos(System.nanoTime() - stalled).toMillis();
			System.out.printf("stalled WebSocket cut %d ms after it stopped reading (%d lines written)%n",
					cutAfterMillis, written);
			assertThat(cutAfterMillis).as("cut after it stopped reading, send-time-limit 2 s").isLessThan(8000);
		}
	}

	/**
	 * An SSE resume over a socket that is never read, with a small receive window so the
	 * server blocks soon.
	 */
	private Socket stalledResume(String cursor) throws IOException {
		Socket socket = new Socket();
		socket.setReceiveBufferSize(4096);
		socket.connect(new InetSocketAddress("localhost", this.port), 5_000);
		socket.getOutputStream()
			.write(new RawHttp(this.port).request("GET", stream() + "&since=" + cursor,
					List.of(new String[] { "Accept", "text/event-stream" },
							new String[] { "Cookie", this.viewer.cookieHeader(STREAM) }),
					null));
		socket.getOutputStream().flush();
		return socket;
	}

	private double sent() {
		return this.meters.find("vigil.stream.events.sent")
			.tag("stream", "logs")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	private double subscribers() {
		return this.meters.get("vigil.logs.subscribers").gauge().value();
	}

	private String stream() {
		return STREAM + "?search=" + this.token;
	}

	private String line(String message) {
		return LogLines.line("info", this.token + " " + message);
	}

}
