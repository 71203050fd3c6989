package dev.vigil.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.vigil.support.LogDirectory;
import dev.vigil.support.LogLines;
import dev.vigil.support.SseClient;
import dev.vigil.support.VigilClient;
import dev.vigil.support.WsClient;

import static dev.vigil.benchmarks.Percentiles.ms;

/**
 * Live log figures on real connections and a real file. Not part of the test suite; run:
 *
 * <pre>./mvnw -q -Pbenchmarks -Dskip.ui=true test -Dtest=LogStreamBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * 1. Append-to-client latency with 2 and with 200 subscribers (half SSE, half WebSocket),
 * one line every 20 ms. 2. Sustained rate with 100 filtered subscribers (half
 * {@code level=error}, half a search term; each matches about 1 % of lines): rising write
 * rates, each held 5 s, with probe lines that match every filter; the rate is sustained
 * when the probes' latency does not grow and nothing is skipped. Lines carry their write
 * time ({@code System.nanoTime()}, same JVM). Report: stdout and
 * {@code target/benchmarks/log-stream.txt}. Rates: {@code -Dbench.rates=5000,10000}.
 * Several sources tailed at once: {@code -Dbench.sources=3} spreads the sustained part's
 * lines and subscribers evenly over the own log and configured sources (one tailer each).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "vigil.admins.bootstrap-email=" + VigilClient.ROOT_EMAIL,
				"vigil.admins.bootstrap-password=" + VigilClient.ROOT_PASSWORD, "vigil.auth.login-rate-limit=100000",
				"vigil.stream.max-per-admin=100000", "vigil.stream.heartbeat=1s", "logging.level.root=warn" })
class LogStreamBenchmark {

	private static final LogDirectory LOGS = LogDirectory.create("vigil-log-bench");

	private static final String STREAM = "/api/admin/logs/stream";

	private static final int[] RATES = Arrays
		.stream(System.getProperty("bench.rates", "5000,10000,20000,40000,80000").split(","))
		.mapToInt(Integer::parseInt)
		.toArray();

	private static final int SOURCES = Integer.getInteger("bench.sources", 1);

	/** The live files of the sources beyond the own log. */
	private static final List<Path> APPS = new ArrayList<>();

	@DynamicPropertySource
	static void logDirectory(DynamicPropertyRegistry registry) throws IOException {
		LOGS.register(registry);
		Path dir = Files.createTempDirectory("vigil-log-bench-apps");
		for (int i = 1; i < SOURCES; i++) {
			Path file = dir.resolve("app" + i + ".log");
			Files.createFile(file);
			APPS.add(file);
			registry.add("vigil.logs.sources[" + (i - 1) + "].name", () -> file.getFileName().toString().replace(".log", ""));
			registry.add("vigil.logs.sources[" + (i - 1) + "].path", file::toString);
		}
	}

	private static String sourceName(int source) {
		return (source == 0) ? "vigil" : "app" + source;
	}

	private static void append(int source, String text) throws IOException {
		if (source == 0) {
			LOGS.append(text);
		}
		else {
			Files.writeString(APPS.get(source - 1), text, StandardOpenOption.APPEND);
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Test
	void liveLogs() throws Exception {
		VigilClient admin = VigilClient.withNewAdmin(this.port, "viewer");
		StringBuilder report = new StringBuilder("live log stream, Java " + Runtime.version() + "\n");
		report.append(latency(admin, 1));
		report.append(latency(admin, 100));
		report.append(sustained(admin));
		System.out.println(report);
		Path out = Path.of("target/benchmarks/log-stream.txt");
		Files.createDirectories(out.getParent());
		Files.writeString(out, report);
	}

	private String latency(VigilClient admin, int pairs) throws Exception {
		String token = token();
		List<SseClient> sse = new ArrayList<>();
		List<WsClient> ws = new ArrayList<>();
		for (int i = 0; i < pairs; i++) {
			sse.add(SseClient.open(admin, STREAM + "?search=" + token));
			ws.add(WsClient.connect(admin, STREAM + "?search=" + token));
		}
		awaitSubscribers(2 * pairs);
		int lines = 300;
		long[] latencies = new long[lines * 2 * pairs];
		int n = 0;
		for (int i = 0; i < lines; i++) {
			LOGS.append(line("info", token + " latency " + i) + "\n");
			Thread.sleep(20);
		}
		for (SseClient client : sse) {
			for (int i = 0; i < lines; i++) {
				SseClient.Event event = client.next(Duration.ofSeconds(30));
				latencies[n++] = event.receivedNanos() - writtenAt(event.data());
			}
		}
		for (WsClient client : ws) {
			for (int i = 0; i < lines; i++) {
				WsClient.Frame frame = client.next(Duration.ofSeconds(30));
				latencies[n++] = frame.receivedNanos() - writtenAt(frame.text());
			}
		}
		sse.forEach(SseClient::close);
		ws.forEach(WsClient::close);
		awaitSubscribersBelow(1);
		return String.format(
				"append -> client, %d subscribers (%d SSE + %d WS), %d lines at 50/s: p50 %s  p99 %s  max %s%n",
				2 * pairs, pairs, pairs, lines, ms(latencies, 50), ms(latencies, 99), ms(latencies, 100));
	}

	private String sustained(VigilClient admin) throws Exception {
		String token = token();
		List<SseClient> clients = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			String filter = (i % 2 == 0) ? "level=error" : "search=" + token;
			clients.add(SseClient.open(admin, STREAM + "?source=" + sourceName(i % SOURCES) + "&" + filter));
		}
		awaitSubscribers(100);
		StringBuilder out = new StringBuilder(
				"sustained, 100 filtered SSE subscribers (level=error | search), ~1% of lines match each, " + SOURCES
						+ " source(s) tailed at once (lines and subscribers spread evenly):\n");
		for (int rate : RATES) {
			double skippedBefore = skipped();
			List<Long> probeLatencies = new ArrayList<>();
			long start = System.nanoTime();
			long written = 0;
			int burst = rate / 100 / SOURCES;
			long[] probes = new long[SOURCES];
			long perSource = 0;
			while (System.nanoTime() - start < Duration.ofSeconds(5).toNanos()) {
				for (int source = 0; source < SOURCES; source++) {
					StringBuilder lines = new StringBuilder(burst * 220);
					for (int i = 0; i < burst; i++) {
						boolean probe = (perSource + i) % 100 == 0;
						lines
							.append(probe ? line("error", token + " probe") : line("info", "filler " + (perSource + i)))
							.append('\n');
						probes[source] += probe ? 1 : 0;
					}
					append(source, lines.toString());
				}
				perSource += burst;
				written += (long) burst * SOURCES;
				long next = start + written * 1_000_000_000L / rate;
				long wait = next - System.nanoTime();
				if (wait > 0) {
					Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
				}
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			long[] firstHalf = new long[0];
			long[] lastHalf = new long[0];
			boolean complete = true;
			for (int c = 0; c < clients.size(); c++) {
				SseClient client = clients.get(c);
				long expected = probes[c % SOURCES];
				List<Long> mine = new ArrayList<>();
				for (long p = 0; p < expected; p++) {
					SseClient.Event event = client.next(Duration.ofSeconds(20));
					if (event == null) {
						complete = false;
						break;
					}
					if (event.name().equals("log")) {
						mine.add(event.receivedNanos() - writtenAt(event.data()));
					}
				}
				probeLatencies.addAll(mine);
				long[] values = mine.stream().mapToLong(Long::longValue).toArray();
				firstHalf = concat(firstHalf, Arrays.copyOfRange(values, 0, values.length / 2));
				lastHalf = concat(lastHalf, Arrays.copyOfRange(values, values.length / 2, values.length));
			}
			double skippedNow = skipped() - skippedBefore;
			long[] all = probeLatencies.stream().mapToLong(Long::longValue).toArray();
			out.append(String.format(
					"  target %,6d lines/s: wrote %,9.0f lines/s; probe latency p50 %s p99 %s (first half p99 %s, last half p99 %s); skipped %,.0f; all delivered: %s%n",
					rate, written / seconds, ms(all, 50), ms(all, 99), ms(firstHalf, 99), ms(lastHalf, 99), skippedNow,
					complete));
			drain(clients);
		}
		clients.forEach(SseClient::close);
		return out.toString();
	}

	private double skipped() {
		return this.meters.find("vigil.stream.events.dropped")
			.tag("stream", "logs")
			.counters()
			.stream()
			.mapToDouble((c) -> c.count())
			.sum();
	}

	private static void drain(List<SseClient> clients) {
		for (SseClient client : clients) {
			while (client.next(Duration.ofMillis(200)) != null) {
				// leftovers of an overloaded round
			}
		}
	}

	/**
	 * Closed SSE clients are noticed at the next heartbeat: wait them out so rounds do
	 * not overlap.
	 */
	private void awaitSubscribersBelow(int n) throws InterruptedException {
		while (this.meters.get("vigil.logs.subscribers").gauge().value() >= n) {
			Thread.sleep(50);
		}
	}

	private void awaitSubscribers(int n) throws InterruptedException {
		while (this.meters.get("vigil.logs.subscribers").gauge().value() < n) {
			Thread.sleep(50);
		}
	}

	/** A line that carries its write time. */
	private static String line(String level, String message) {
		return LogLines.line(Instant.now(), level, message, ",\"written\":\"" + System.nanoTime() + "\"");
	}

	private static long writtenAt(String text) {
		int at = text.indexOf("\"written\":\"") + 11;
		return Long.parseLong(text.substring(at, text.indexOf('"', at)));
	}

	private static String token() {
		return "b" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static long[] concat(long[] a, long[] b) {
		long[] all = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, all, a.length, b.length);
		return all;
	}

}
