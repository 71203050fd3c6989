package dev.vigil.logs;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.vigil.support.LogDirectory;
import dev.vigil.support.RawWebSocket;
import dev.vigil.support.SseClient;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;
import dev.vigil.support.WsClient;
import dev.vigil.support.LogLines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live log through real clients, on a log directory this test writes itself. Each
 * test tags its lines with a token and subscribes with {@code search=<token>}, so tests
 * sharing the file stay apart. A short heartbeat lets the server notice closed SSE
 * clients between tests.
 */
@VigilIntegrationTest
@TestPropertySource(properties = { "vigil.stream.max-per-admin=1000", "vigil.stream.heartbeat=300ms" })
class LogStreamIntegrationTests {

	static final String STREAM = "/api/admin/logs/stream";

	static final LogDirectory LOGS = LogDirectory.create("vigil-logs-test");

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

	/**
	 * Closed SSE clients are noticed at the next heartbeat; start each test with none
	 * left.
	 */
	@BeforeEach
	void setUp() {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.meters.get("vigil.logs.subscribers").gauge().value() == 0);
		this.viewer = VigilClient.withNewAdmin(this.port, "viewer");
		this.token = "t" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void anAppendedLineReachesSseAndWebSocketClientsFromOneTailer() throws IOException {
		try (SseClient sse = SseClient.open(this.viewer, stream());
				WsClient ws = WsClient.connect(this.viewer, stream())) {
			assertThat(sse.status()).isEqualTo(200);
			assertThat(sse.header("Content-Type")).startsWith("text/event-stream");
			awaitSubscribed(2);
			assertThat(this.meters.get("vigil.logs.tailers").gauge().value()).isEqualTo(1);
			String line = line("warn", "disk at 91%");
			LOGS.append(line + "\n");

			SseClient.Event event = sse.next();
			assertThat(event.name()).isEqualTo("log");
			assertThat(event.data()).isEqualTo(line);
			assertThat(event.id()).matches("\\d+-\\d+");
			JsonNode frame = ws.next();
			assertThat(frame.get("type").asString()).isEqualTo("log");
			assertThat(frame.get("id").asString()).isEqualTo(event.id());
			assertThat(frame.get("entry").get("msg").asString()).isEqualTo(this.token + " disk at 91%");
			assertThat(frame.get("entry").get("level").asString()).isEqualTo("warn");

			try (SseClient later = SseClient.open(this.viewer, stream())) {
				awaitSubscribed(3);
				assertThat(this.meters.get("vigil.logs.tailers").gauge().value()).as("still one tailer").isEqualTo(1);
			}
		}
	}

	/**
	 * Browsers always offer permessage-deflate; accepted, the container would deflate
	 * every line once per client.
	 */
	@Test
	void aWebSocketClientOfferingCompressionGetsPlainTextFrames() throws IOException {
		List<String[]> headers = List.of(new String[] { "Cookie", this.viewer.cookieHeader(STREAM) },
				new String[] { "Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits" });
		try (RawWebSocket ws = RawWebSocket.connect(this.port, stream(), headers)) {
			assertThat(ws.status()).isEqualTo(101);
			assertThat(ws.responseHead()).doesNotContainIgnoringCase("Sec-WebSocket-Extensions");
			awaitSubscribed(1);
			LOGS.append(line("info", "plain frame") + "\n");
			List<String> texts = new ArrayList<>();
			assertThat(
					ws.awaitText(Duration.ofSeconds(10), (text) -> text.contains(this.token + " plain frame"), texts))
				.isEqualTo(RawWebSocket.ALIVE);
		}
	}

	@Test
	void twoHundredSubscribersCostOneReadPerLine() throws IOException {
		List<SseClient> sse = new ArrayList<>();
		List<WsClient> ws = new ArrayList<>();
		try {
			for (int i = 0; i < 100; i++) {
				sse.add(SseClient.open(this.viewer, stream()));
				ws.add(WsClient.connect(this.viewer, stream()));
			}
			awaitSubscribed(200);
			double readBefore = this.meters.get("vigil.logs.lines.read").counter().count();
			StringBuilder lines = new StringBuilder();
			for (int i = 0; i < 50; i++) {
				lines.append(line("info", "fan-out " + i)).append('\n');
			}
			LOGS.append(lines.toString());
			for (SseClient client : sse) {
				for (int i = 0; i < 50; i++) {
					assertThat(client.next().data()).contains("fan-out " + i + "\"");
				}
			}
			for (WsClient client : ws) {
				for (int i = 0; i < 50; i++) {
					assertThat(client.next().get("entry").get("msg").asString()).endsWith("fan-out " + i);
				}
			}
			assertThat(this.meters.get("vigil.logs.lines.read").counter().count() - readBefore).isEqualTo(50);
		}
		finally {
			sse.forEach(SseClient::close);
			ws.forEach(WsClient::close);
		}
	}

	@Test
	void changingFiltersMidStreamAcknowledgesBackfillsThenFiltersLiveLines() throws IOException {
		for (int i = 0; i < 5; i++) {
			LOGS.append(line("info", "old info " + i) + "\n" + line("error", "old error " + i) + "\n");
		}
		try (WsClient ws = WsClient.connect(this.viewer, stream())) {
			awaitSubscribed(1);
			ws.send("{\"level\":\"error\",\"search\":\"" + this.token + "\"}");
			JsonNode ack = ws.next();
			assertThat(ack.get("type").asString()).isEqualTo("filters");
			assertThat(ack.get("level").asString()).isEqualTo("error");
			assertThat(ack.get("search").asString()).isEqualTo(this.token.toLowerCase());
			for (int i = 0; i < 5; i++) {
				assertThat(ws.next().get("entry").get("msg").asString()).endsWith("old error " + i);
			}
			LOGS.append(line("info", "new info") + "\n" + line("error", "new error") + "\n");
			assertThat(ws.next().get("entry").get("msg").asString()).endsWith("new error");
			assertThat(ws.next(Duration.ofMillis(300))).isNull();

			ws.send("not json");
			assertThat(ws.next().get("type").asString()).isEqualTo("error");
		}
	}

	/**
	 * Tomcat's WebSocket message buffers are 1 KB per socket
	 * (TomcatBuffersConfiguration): a message far over that but within the 64 KB limit
	 * still arrives whole, and a filter change after it still works.
	 */
	@Test
	void aMessageOverTheSocketBufferButWithinTheLimitArrivesWhole() throws IOException {
		try (WsClient ws = WsClient.connect(this.viewer, stream())) {
			awaitSubscribed(1);
			ws.send("{\"search\":\"" + "x".repeat(60 * 1024) + "\"}");
			JsonNode filters = ws.next();
			assertThat(filters.get("type").asString()).isEqualTo("filters");
			assertThat(filters.toString()).contains("x".repeat(60 * 1024));
			ws.send("{\"search\":\"" + this.token + "\"}");
			assertThat(ws.next().get("type").asString()).isEqualTo("filters");
			assertThat(ws.isClosed()).isFalse();
		}
	}

	/**
	 * Valid JSON, invalid UTF-16: echoed as it was, the frame could not be encoded and
	 * the stream died (1011).
	 */
	@Test
	void aSearchWithAnUnpairedSurrogateIsEchoedWithAReplacementAndTheStreamGoesOn() throws IOException {
		try (WsClient ws = WsClient.connect(this.viewer, stream())) {
			awaitSubscribed(1);
			ws.send("{\"search\":\"\\ud800" + this.token + "\"}");
			assertThat(ws.next().get("search").asString()).isEqualTo("\uFFFD" + this.token.toLowerCase());
			ws.send("{\"search\":\"" + this.token + "\"}");
			assertThat(ws.next().get("type").asString()).isEqualTo("filters");
			LOGS.append(line("info", "after the odd search") + "\n");
			assertThat(ws.next().get("entry").get("msg").asString()).endsWith("after the odd search");
		}
	}

	@Test
	void backlogSendsTheLastMatchingLinesFirst() throws IOException {
		for (int i = 0; i < 10; i++) {
			LOGS.append(line("info", "history " + i) + "\n");
		}
		try (SseClient sse = SseClient.open(this.viewer, stream() + "&backlog=3")) {
			for (int i = 7; i < 10; i++) {
				assertThat(sse.next().data()).contains("history " + i + "\"");
			}
			LOGS.append(line("info", "live") + "\n");
			assertThat(sse.next().data()).contains("live");
		}
		this.viewer.get(STREAM + "?backlog=5000").assertProblem(400, "invalid backlog: 0 to 1000 lines");
	}

	@Test
	void splitNonJsonAndOversizedLinesArriveOnceWholeOrFlagged() throws IOException, InterruptedException {
		try (WsClient ws = WsClient.connect(this.viewer, stream())) {
			awaitSubscribed(1);
			String whole = line("info", "written in two halves");
			LOGS.append(whole.substring(0, 40));
			Thread.sleep(300); // the tailer sees the first half on its own
			LOGS.append(whole.substring(40) + "\n");
			assertThat(ws.next().get("entry").get("msg").asString()).isEqualTo(this.token + " written in two halves");

			LOGS.append("plain text " + this.token + " not json\r\n");
			JsonNode plain = ws.next().get("entry");
			assertThat(plain.get("level").asString()).isEqualTo("unknown");
			assertThat(plain.get("msg").asString()).isEqualTo("plain text " + this.token + " not json");

			LOGS.append(line("error", "x".repeat(1024 * 1024)) + "\n");
			JsonNode huge = ws.next().get("entry");
			assertThat(huge.get("truncated").asBoolean()).isTrue();
			assertThat(huge.get("level").asString()).isEqualTo("error");
			assertThat(huge.get("msg").asString().length()).isLessThanOrEqualTo(64 * 1024);
			assertThat(ws.next(Duration.ofMillis(300))).isNull();
		}
	}

	@Test
	void truncationAndDeletionAreFollowedWithARotatedEvent() throws IOException {
		try (WsClient ws = WsClient.connect(this.viewer, stream())) {
			awaitSubscribed(1);
			// Longer than what follows, so the shrink shows whenever the tailer looks.
			LOGS.append(line("info", "x".repeat(300) + " before truncation") + "\n");
			assertThat(ws.next().get("entry").get("msg").asString()).endsWith("before truncation");

			LOGS.truncate();
			LOGS.append(line("info", "after truncation") + "\n");
			JsonNode truncated = ws.next();
			assertThat(truncated.get("type").asString()).isEqualTo("rotated");
			assertThat(truncated.get("reason").asString()).isEqualTo("truncated");
			assertThat(ws.next().get("entry").get("msg").asString()).endsWith("after truncation");

			Files.delete(LOGS.live());
			LOGS.append(line("info", "after deletion") + "\n");
			JsonNode recreated = ws.next();
			// The tailer may look while the file is gone: the source then waits, and is
			// live again with the new file.
			while (recreated.get("type").asString().equals("source")) {
				recreated = ws.next();
			}
			assertThat(recreated.get("type").asString()).isEqualTo("rotated");
			// A new file may get the old one's inode back: then it looks truncated, which
			// is handled the same.
			assertThat(recreated.get("reason").asString()).isIn("recreated", "truncated");
			assertThat(ws.next().get("entry").get("msg").asString()).endsWith("after deletion");
		}
	}

	/**
	 * Reading from the live file failed for good once its replacement could not be opened
	 * (ENXIO here).
	 */
	@Test
	void aLiveFileThatCannotBeOpenedAfterARotationIsRetriedWithOneWarningUntilItCan() throws Exception {
		ListAppender<ILoggingEvent> events = new ListAppender<>();
		Logger tailerLog = (Logger) LoggerFactory.getLogger(LogTailer.class);
		events.start();
		tailerLog.addAppender(events);
		try (WsClient ws = WsClient.connect(this.viewer, stream())) {
			awaitSubscribed(1);
			LOGS.append(line("info", "before the rotation") + "\n");
			assertThat(ws.next().get("entry").get("msg").asString()).endsWith("before the rotation");
			LOGS.rotate();
			// A socket file where the live file was: it exists, but opening it fails,
			// even as root.
			try (ServerSocketChannel unopenable = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
				unopenable.bind(UnixDomainSocketAddress.of(LOGS.live()));
				Thread.sleep(2000); // eight polls
			}
			Files.delete(LOGS.live());
			LOGS.append(line("info", "after the file came back") + "\n");
			// Clients are told the file went missing and came back, then why it
			// starts over.
			List<String> statuses = new ArrayList<>();
			JsonNode rotated = ws.next();
			while (rotated.get("type").asString().equals("source")) {
				statuses.add(rotated.get("status").asString());
				rotated = ws.next();
			}
			assertThat(statuses).containsExactly("waiting", "live");
			assertThat(rotated.get("type").asString()).isEqualTo("rotated");
			assertThat(ws.next().get("entry").get("msg").asString()).endsWith("after the file came back");
		}
		finally {
			tailerLog.detachAppender(events);
		}
		assertThat(events.list).filteredOn((event) -> event.getLevel() == Level.WARN).hasSize(1);
	}

	@Test
	void aResumeGetsExactlyTheLinesAfterItsCursorInOrderThenLiveLines() throws IOException {
		String cursor = cursorOf(line("info", "before the cursor"));
		// About 300 KB: several of the replay's chunks.
		StringBuilder missed = new StringBuilder();
		for (int i = 0; i < 2000; i++) {
			missed.append(line("info", "missed " + i)).append('\n');
		}
		LOGS.append(missed.toString());
		try (SseClient sse = SseClient.open(this.viewer, stream(), Map.of("Last-Event-ID", cursor));
				WsClient ws = WsClient.connect(this.viewer, stream() + "&since=" + cursor)) {
			for (int i = 0; i < 2000; i++) {
				assertThat(sse.next().data()).contains("\"" + this.token + " missed " + i + "\"");
				assertThat(ws.next().get("entry").get("msg").asString()).isEqualTo(this.token + " missed " + i);
			}
			LOGS.append(line("info", "live") + "\n");
			assertThat(sse.next().data()).contains("\"" + this.token + " live\"");
			assertThat(ws.next().get("entry").get("msg").asString()).isEqualTo(this.token + " live");
			assertThat(sse.next(Duration.ofMillis(300))).isNull();
			assertThat(ws.next(Duration.ofMillis(300))).isNull();
		}
	}

	@Test
	void aCursorInsideALineResumesAtTheNextWholeLine() throws IOException {
		String first = cursorOf(line("info", "first"));
		double read = this.meters.get("vigil.logs.lines.read").counter().count();
		LOGS.append(line("info", "second") + "\n" + line("info", "third") + "\n");
		// A cursor past what the tailer has read is a reset: resume only once it has read
		// both.
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.meters.get("vigil.logs.lines.read").counter().count() >= read + 2);
		int dash = first.indexOf('-');
		String insideSecond = first.substring(0, dash + 1) + (Long.parseLong(first.substring(dash + 1)) + 10);
		try (SseClient sse = SseClient.open(this.viewer, stream(), Map.of("Last-Event-ID", insideSecond))) {
			SseClient.Event event = sse.next();
			assertThat(event.name()).isEqualTo("log");
			assertThat(event.data()).contains("\"" + this.token + " third\"");
			LOGS.append(line("info", "live") + "\n");
			assertThat(sse.next().data()).contains("\"" + this.token + " live\"");
		}
	}

	@Test
	void aCursorThatCannotBeHonouredGetsReset() {
		try (SseClient sse = SseClient.open(this.viewer, stream(), Map.of("Last-Event-ID", "123-456"))) {
			assertThat(sse.next().name()).isEqualTo("reset");
		}
	}

	@Test
	void tenThousandLinesWithARotationArriveExactlyOnceInOrderAcrossAResumeOverSse() throws Exception {
		List<Integer> received = new ArrayList<>();
		String cursor;
		Thread writer;
		try (SseClient sse = SseClient.open(this.viewer, stream())) {
			awaitSubscribed(1);
			writer = startWriter(10_000, 5_000);
			cursor = readUntil(sse, received, 2_000);
		}
		awaitWritten(writer, 6_500);
		try (SseClient sse = SseClient.open(this.viewer, stream(), Map.of("Last-Event-ID", cursor))) {
			readUntil(sse, received, 10_000);
		}
		writer.join();
		assertExactlyOnceInOrder(received, 10_000);
	}

	@Test
	void tenThousandLinesWithARotationArriveExactlyOnceInOrderAcrossAResumeOverWebSocket() throws Exception {
		List<Integer> received = new ArrayList<>();
		String cursor;
		Thread writer;
		try (WsClient ws = WsClient.connect(this.viewer, stream())) {
			awaitSubscribed(1);
			writer = startWriter(10_000, 5_000);
			cursor = readUntil(ws, received, 2_000);
		}
		awaitWritten(writer, 6_500);
		try (WsClient ws = WsClient.connect(this.viewer, stream() + "&since=" + cursor)) {
			readUntil(ws, received, 10_000);
		}
		writer.join();
		assertExactlyOnceInOrder(received, 10_000);
	}

	@Test
	void aClientThatCannotKeepUpIsToldHowManyLinesItMissed() throws IOException {
		double droppedBefore = dropped();
		try (WsClient ws = WsClient.connect(this.viewer, stream())) {
			awaitSubscribed(1);
			ws.stall();
			String padding = "p".repeat(4000);
			int written = 0;
			while (dropped() == droppedBefore) {
				assertThat(written).as("lines written before the queue overflowed").isLessThan(200_000);
				StringBuilder burst = new StringBuilder();
				for (int i = 0; i < 100; i++) {
					burst.append(line("info", "flood " + (written++) + " " + padding)).append('\n');
				}
				LOGS.append(burst.toString());
			}
			ws.resume();
			int received = 0;
			long skipped = 0;
			int last = -1;
			while (received + skipped < written) {
				WsClient.Frame frame = ws.next(Duration.ofSeconds(10));
				if (frame == null) {
					// Fail rather than write forever into a connection the server gave
					// up.
					assertThat(ws.isClosed()).as("the server closed the stalled stream").isFalse();
					// The marker rides on the next line that finds room: write one.
					LOGS.append(line("info", "flood " + (written++) + " " + padding) + "\n");
					continue;
				}
				JsonNode json = frame.json();
				if (json.get("type").asString().equals("skipped")) {
					skipped += json.get("count").asLong();
					continue;
				}
				String msg = json.get("entry").get("msg").asString();
				int n = Integer
					.parseInt(msg.substring(msg.indexOf("flood ") + 6, msg.indexOf(' ', msg.indexOf("flood ") + 6)));
				assertThat(n).as("lines stay in order").isGreaterThan(last);
				last = n;
				received++;
			}
			assertThat(skipped).isPositive();
			assertThat(received + skipped).as("every line either delivered or counted as skipped").isEqualTo(written);
		}
	}

	/**
	 * Appends {@code line} and returns its cursor, as a client that saw it last would
	 * have it.
	 */
	private String cursorOf(String line) throws IOException {
		LOGS.append(line + "\n");
		try (SseClient sse = SseClient.open(this.viewer, stream() + "&backlog=1")) {
			SseClient.Event event = sse.next();
			assertThat(event.data()).isEqualTo(line);
			return event.id();
		}
	}

	private double dropped() {
		return this.meters.find("vigil.stream.events.dropped")
			.tag("stream", "logs")
			.counters()
			.stream()
			.mapToDouble((c) -> c.count())
			.sum();
	}

	private volatile int written;

	/**
	 * Writes numbered lines in small bursts and rotates the file (rename, recreate) at
	 * {@code rotateAt}.
	 */
	private Thread startWriter(int count, int rotateAt) {
		this.written = 0;
		Thread writer = new Thread(() -> {
			try {
				for (int i = 0; i < count; i += 100) {
					if (i == rotateAt) {
						LOGS.rotate();
					}
					StringBuilder burst = new StringBuilder();
					for (int j = i; j < i + 100; j++) {
						burst.append(line("info", "seq " + j)).append('\n');
					}
					LOGS.append(burst.toString());
					this.written = i + 100;
					Thread.sleep(2);
				}
			}
			catch (IOException | InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		writer.start();
		return writer;
	}

	private void awaitWritten(Thread writer, int lines) {
		await().atMost(Duration.ofSeconds(30)).until(() -> this.written >= lines || !writer.isAlive());
	}

	/** Reads log events until line {@code until - 1} arrived; returns the last cursor. */
	private String readUntil(SseClient sse, List<Integer> received, int until) {
		String cursor = null;
		while (received.isEmpty() || received.get(received.size() - 1) < until - 1) {
			SseClient.Event event = sse.next(Duration.ofSeconds(10));
			assertThat(event).as("event after line %s", received.isEmpty() ? "-" : received.get(received.size() - 1))
				.isNotNull();
			if (event.name().equals("log")) {
				received.add(seq(event.data()));
				cursor = event.id();
			}
			else {
				assertThat(event.name()).isEqualTo("rotated");
			}
		}
		return cursor;
	}

	private String readUntil(WsClient ws, List<Integer> received, int until) {
		String cursor = null;
		while (received.isEmpty() || received.get(received.size() - 1) < until - 1) {
			WsClient.Frame frame = ws.next(Duration.ofSeconds(10));
			assertThat(frame).isNotNull();
			JsonNode json = frame.json();
			if (json.get("type").asString().equals("log")) {
				received.add(seq(json.get("entry").toString()));
				cursor = json.get("id").asString();
			}
			else {
				assertThat(json.get("type").asString()).isEqualTo("rotated");
			}
		}
		return cursor;
	}

	private static int seq(String line) {
		int at = line.indexOf("seq ");
		return Integer.parseInt(line.substring(at + 4, line.indexOf('"', at)));
	}

	private static void assertExactlyOnceInOrder(List<Integer> received, int count) {
		assertThat(received).hasSize(count);
		for (int i = 0; i < count; i++) {
			assertThat(received.get(i)).as("line %d", i).isEqualTo(i);
		}
	}

	private String stream() {
		return STREAM + "?search=" + this.token;
	}

	private String line(String level, String message) {
		return LogLines.line(level, this.token + " " + message);
	}

	/**
	 * Waits until the tailer has that many subscribers, so lines appended next are live
	 * for all of them.
	 */
	private void awaitSubscribed(int subscribers) {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.meters.get("vigil.logs.subscribers").gauge().value() >= subscribers);
	}

}
