package dev.vigil.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.vigil.support.LogDirectory;
import dev.vigil.support.LogLines;
import dev.vigil.support.SseClient;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;
import dev.vigil.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Finding things through a real port: context, seek, filtered export and rate over files
 * this class writes, and the new filters on the live stream.
 */
@VigilIntegrationTest
@TestPropertySource(properties = "vigil.stream.heartbeat=300ms")
class LogSearchIntegrationTests {

	static final String API = "/api/admin/logs";

	static final LogDirectory LOGS = LogDirectory.create("vigil-logs-search");

	static final String ROTATED = "vigil-2026-11-21.0.log";

	static final Instant T0 = Instant.parse("2026-11-21T00:00:00Z");

	static final int LINES = 3000;

	/** Lines of {@link #ROTATED}: one a second from {@link #T0}, every tenth an error. */
	static final List<String> ROTATED_LINES = new ArrayList<>();

	/** Where each line of {@link #ROTATED} ends. */
	static final List<Long> ENDS = new ArrayList<>();

	/**
	 * Written into the live file for the rate: minutes ago, so no live test touches them.
	 */
	static final Instant HALF_HOUR_AGO = Instant.now().minus(Duration.ofMinutes(30));

	static final Instant TWENTY_MINUTES_AGO = Instant.now().minus(Duration.ofMinutes(20));

	static {
		try {
			StringBuilder content = new StringBuilder();
			long offset = 0;
			for (int i = 0; i < LINES; i++) {
				String line = LogLines.line(T0.plusSeconds(i), (i % 10 == 0) ? "error" : "info", "line " + i);
				ROTATED_LINES.add(line);
				content.append(line).append('\n');
				offset += line.length() + 1;
				ENDS.add(offset);
			}
			Path rotated = LOGS.live().resolveSibling(ROTATED);
			Files.writeString(rotated, content);
			Files.setLastModifiedTime(rotated, FileTime.from(T0.plusSeconds(LINES)));
			StringBuilder live = new StringBuilder();
			for (int i = 0; i < 12; i++) {
				live.append(LogLines.line(HALF_HOUR_AGO, (i < 5) ? "error" : "info", "half an hour ago " + i))
					.append('\n');
			}
			for (int i = 0; i < 3; i++) {
				live.append(LogLines.line(TWENTY_MINUTES_AGO, "warn", "twenty minutes ago " + i)).append('\n');
			}
			LOGS.append(live.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

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
	 * Closed stream clients are noticed at the next heartbeat; start each test with none
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
	void contextShowsTheEntriesAroundACursorUnfiltered() {
		JsonNode context = this.viewer.get(API + "/context?cursor=" + cursor(100) + "&before=3&after=2")
			.assertStatus(200)
			.json();
		assertThat(context.get("source").asString()).isEqualTo("vigil");
		assertThat(context.get("file").asString()).isEqualTo(ROTATED);
		assertThat(msgs(context)).containsExactly("line 97", "line 98", "line 99", "line 100", "line 101", "line 102");
		assertThat(context.get("target").asInt()).isEqualTo(3);
		assertThat(strings(context.get("cursors"))).containsExactly(cursor(97), cursor(98), cursor(99), cursor(100),
				cursor(101), cursor(102));

		JsonNode wide = this.viewer.get(API + "/context?source=vigil&cursor=" + cursor(1000)).assertStatus(200).json();
		assertThat(wide.get("entries")).hasSize(41);
		assertThat(wide.get("target").asInt()).isEqualTo(20);
		assertThat(wide.get("entries").get(20).get("msg").asString()).isEqualTo("line 1000");

		JsonNode first = this.viewer.get(API + "/context?cursor=" + cursor(0) + "&before=5&after=0")
			.assertStatus(200)
			.json();
		assertThat(msgs(first)).containsExactly("line 0");
		assertThat(first.get("target").asInt()).isZero();
		JsonNode last = this.viewer.get(API + "/context?cursor=" + cursor(LINES - 2) + "&before=0&after=200")
			.assertStatus(200)
			.json();
		assertThat(msgs(last)).containsExactly("line " + (LINES - 2), "line " + (LINES - 1));
	}

	@Test
	void contextRefusesBadInputAndAnswers404ForAnEntryNoLongerThere() {
		this.viewer.get(API + "/context?cursor=abc").assertStatus(400);
		this.viewer.get(API + "/context").assertStatus(400);
		String id = cursor(0).split("-")[0];
		this.viewer.get(API + "/context?cursor=" + id + "-" + (ENDS.get(5) - 3))
			.assertProblem(404, "entry no longer available");
		this.viewer.get(API + "/context?cursor=" + id + "-" + (ENDS.get(LINES - 1) + 10))
			.assertProblem(404, "entry no longer available");
		this.viewer.get(API + "/context?cursor=" + id + "-0").assertProblem(404, "entry no longer available");
		this.viewer.get(API + "/context?cursor=987654321987-10").assertProblem(404, "entry no longer available");
		invalid(API + "/context?cursor=" + cursor(5) + "&before=201", "before");
		invalid(API + "/context?cursor=" + cursor(5) + "&after=-1", "after");
		invalid(API + "/context?cursor=" + cursor(5) + "&after=many", "after");
		this.viewer.get(API + "/context?source=nope&cursor=" + cursor(5)).assertStatus(404);
	}

	@Test
	void seekGivesTheHistoryPositionAfterTheLastEntryAtOrBeforeAnInstant() {
		JsonNode seek = this.viewer.get(API + "/seek?at=" + T0.plusMillis(100_500)).assertStatus(200).json();
		assertThat(seek.get("source").asString()).isEqualTo("vigil");
		assertThat(seek.get("file").asString()).isEqualTo(ROTATED);
		assertThat(seek.get("before").asString()).isEqualTo(ENDS.get(100).toString());
		JsonNode page = this.viewer.get(API + "?file=" + ROTATED + "&limit=2&before=" + seek.get("before").asString())
			.assertStatus(200)
			.json();
		assertThat(msgs(page)).containsExactly("line 100", "line 99");

		assertThat(this.viewer.get(API + "/seek?at=" + encode("2026-11-21T02:00:00+02:00"))
			.json()
			.get("before")
			.asString()).isEqualTo(ENDS.get(0).toString());
		JsonNode early = this.viewer.get(API + "/seek?at=2020-01-01T00:00:00Z").assertStatus(200).json();
		assertThat(early.get("file").asString()).isEqualTo(ROTATED);
		assertThat(early.get("before").asString()).isEqualTo("0");
		JsonNode late = this.viewer.get("/api/admin/logs/seek?at=" + HALF_HOUR_AGO.plusSeconds(1)).json();
		assertThat(late.get("file").asString()).isEqualTo("vigil.log");
		JsonNode older = this.viewer.get(API + "?before=" + late.get("before").asString() + "&limit=1").json();
		assertThat(msgs(older)).containsExactly("half an hour ago 11");

		invalid(API + "/seek?at=2026-11-21", "at");
		invalid(API + "/seek?at=soon", "at");
		this.viewer.get(API + "/seek").assertStatus(400);
	}

	@Test
	void exportDownloadsTheMatchingEntriesAsWrittenOldestFirst() {
		VigilClient.Response export = this.viewer
			.get(API + "/export?file=" + ROTATED + "&regex=" + encode("LINE 12\\d\""))
			.assertStatus(200);
		assertThat(export.header("Content-Type")).isEqualTo("text/plain;charset=UTF-8");
		assertThat(export.header("Content-Disposition")).isEqualTo("attachment; filename=\"vigil-filtered.log\"");
		assertThat(export.header("ETag")).isNull();
		assertThat(export.body()).isEqualTo(String.join("\n", ROTATED_LINES.subList(120, 130)) + "\n");

		String filtered = this.viewer
			.get(API + "/export?file=" + ROTATED + "&level=error&from=" + T0.plusSeconds(100) + "&to="
					+ T0.plusSeconds(200) + "&exclude=" + encode("line 1[05]0\""))
			.assertStatus(200)
			.body();
		List<String> expected = new ArrayList<>();
		for (int i = 110; i <= 200; i += 10) {
			if (i != 150) {
				expected.add(ROTATED_LINES.get(i));
			}
		}
		assertThat(filtered).isEqualTo(String.join("\n", expected) + "\n");

		assertThat(this.viewer.get("/api/admin/logs/export?search=twenty").assertStatus(200).body().lines()).hasSize(3)
			.allMatch((line) -> line.contains("twenty minutes ago"));

		VigilClient.Response bad = this.viewer.get(API + "/export?regex=" + encode("(unclosed"));
		bad.assertStatus(422);
		assertThat(bad.json().get("fields").get("regex").asString()).startsWith("invalid regular expression");
		assertThat(bad.body()).doesNotContain("dev.vigil");
		invalid(API + "/export?exclude=" + "x".repeat(501), "exclude");
		invalid(API + "/export?from=yesterday", "from");
		this.viewer.get(API + "/export?file=" + encode("../vigil.log")).assertStatus(400);
		this.viewer.get(API + "/export?file=vigil-2000-01-01.0.log").assertStatus(404);
	}

	@Test
	void rateCountsEntriesPerMinuteByLevelOverTheLastHour() {
		JsonNode rate = this.viewer.get(API + "/rate").assertStatus(200).json();
		assertThat(rate.get("source").asString()).isEqualTo("vigil");
		assertThat(rate.get("bucket_seconds").asInt()).isEqualTo(60);
		assertThat(rate.get("partial").asBoolean()).isFalse();
		Instant from = Instant.parse(rate.get("from").asString());
		Instant to = Instant.parse(rate.get("to").asString());
		assertThat(Duration.between(from, to)).isEqualTo(Duration.ofHours(1));
		JsonNode buckets = rate.get("buckets");
		assertThat(buckets).hasSize(60);
		assertThat(Instant.parse(buckets.get(0).get("time").asString())).isEqualTo(from);
		assertThat(counts(buckets, HALF_HOUR_AGO)).isEqualTo(Map.of("error", 5, "info", 7));
		assertThat(counts(buckets, TWENTY_MINUTES_AGO)).isEqualTo(Map.of("warn", 3));
		assertThat(this.viewer.get("/api/admin/logs/rate?source=nope").status()).isEqualTo(404);
	}

	@Test
	void regexAndExcludeChangeOverWebSocketAndAnInvalidOneKeepsTheFilter() throws IOException {
		try (WsClient ws = WsClient.connect(this.viewer, API + "/stream?search=" + this.token)) {
			awaitSubscribed();
			ws.send("{\"regex\":\"" + this.token + " important \\\\d+\",\"exclude\":\"IGNORE\"}");
			JsonNode ack = ws.next();
			assertThat(ack.get("type").asString()).isEqualTo("filters");
			assertThat(ack.get("regex").asString()).isEqualTo(this.token + " important \\d+");
			assertThat(ack.get("exclude").asString()).isEqualTo("IGNORE");
			assertThat(List.of(ack.get("level").asString(), ack.get("search").asString(), ack.get("from").asString(),
					ack.get("to").asString()))
				.containsOnly("");
			LOGS.append(
					plain("important 1") + plain("important 2 ignore") + plain("unimportant") + plain("important 3"));
			assertThat(ws.next().get("entry").get("msg").asString()).isEqualTo(this.token + " important 1");
			assertThat(ws.next().get("entry").get("msg").asString()).isEqualTo(this.token + " important 3");

			ws.send("{\"regex\":\"(\"}");
			JsonNode error = ws.next();
			assertThat(error.get("type").asString()).isEqualTo("error");
			assertThat(error.get("error").asString()).startsWith("regex: invalid regular expression");
			ws.send("{\"from\":\"2026-11-22\"}");
			assertThat(ws.next().get("error").asString()).startsWith("from: expected an ISO-8601 instant");
			LOGS.append(plain("unimportant again") + plain("important 4"));
			assertThat(ws.next().get("entry").get("msg").asString()).as("the filter before the invalid one")
				.isEqualTo(this.token + " important 4");

			String from = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.MILLIS).toString();
			ws.send("{\"search\":\"" + this.token + "\",\"from\":\"" + from + "\"}");
			JsonNode timed = ws.next();
			assertThat(timed.get("from").asString()).isEqualTo(from);
			LOGS.append(plain("no time") + LogLines.line("info", this.token + " now") + "\n"
					+ LogLines.line(Instant.now().plusSeconds(7200), "info", this.token + " in two hours") + "\n");
			assertThat(ws.next().get("entry").get("msg").asString()).isEqualTo(this.token + " in two hours");
		}
	}

	/**
	 * {@code (x+x+)+y} over a long run of {@code x}: billions of steps each, without the
	 * bound the tailer would be stuck on the first line for hours and the last line would
	 * never come.
	 */
	@Test
	void aCatastrophicRegexDoesNotStallTheTailer() throws IOException {
		double aborted = this.meters.get("vigil.logs.regex.aborted").functionCounter().count();
		try (SseClient sse = SseClient.open(this.viewer,
				API + "/sse?search=" + this.token + "&regex=" + encode("(x+x+)+y"))) {
			assertThat(sse.status()).isEqualTo(200);
			awaitSubscribed();
			LOGS.append(plain("x".repeat(5000) + "!").repeat(3) + plain("xxxy"));
			assertThat(sse.next().data()).contains(this.token + " xxxy");
		}
		assertThat(this.meters.get("vigil.logs.regex.aborted").functionCounter().count() - aborted)
			.isGreaterThanOrEqualTo(3);
	}

	private String plain(String text) {
		return this.token + " " + text + "\n";
	}

	private void awaitSubscribed() {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.meters.get("vigil.logs.subscribers").gauge().value() >= 1);
	}

	private void invalid(String path, String field) {
		VigilClient.Response response = this.viewer.get(path);
		response.assertStatus(422);
		assertThat(response.json().get("fields").has(field)).as("fields of %s", response.body()).isTrue();
	}

	private static Map<String, Integer> counts(JsonNode buckets, Instant time) {
		String minute = time.truncatedTo(ChronoUnit.MINUTES).toString();
		for (JsonNode bucket : buckets) {
			if (Instant.parse(bucket.get("time").asString()).toString().equals(minute)) {
				Map<String, Integer> counts = new java.util.TreeMap<>();
				bucket.get("counts").properties().forEach((e) -> counts.put(e.getKey(), e.getValue().asInt()));
				return counts;
			}
		}
		throw new AssertionError("no bucket at " + minute);
	}

	private static String cursor(int line) {
		Path rotated = LOGS.live().resolveSibling(ROTATED);
		return new LogCursor(LogCursor.identity(rotated).orElseThrow(), ENDS.get(line)).toString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static List<String> msgs(JsonNode page) {
		return page.get("entries").valueStream().map((e) -> e.get("msg").asString()).toList();
	}

	private static List<String> strings(JsonNode array) {
		return array.valueStream().map(JsonNode::asString).toList();
	}

}
