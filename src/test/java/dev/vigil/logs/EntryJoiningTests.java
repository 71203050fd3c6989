package dev.vigil.logs;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.vigil.stream.StreamJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Multi-line entries (a stack trace after its message) joined alike by every reader: the
 * live tailer (holding an entry until the next one starts or the wait passes), replay
 * forward and history backward. The joining is exercised with rules of this test's own,
 * so that it does not depend on any one format's idea of a continuation line: lines
 * starting with whitespace or {@code Caused by:} continue, JSON objects are never
 * continued, and the level is the first word.
 */
class EntryJoiningTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final EntryRules RULES = new EntryRules(
			(line) -> line.startsWith(" ") || line.startsWith("\t") || line.startsWith("Caused by:"),
			(line) -> !line.startsWith("{"), EntryJoiningTests::parse);

	@TempDir
	Path dir;

	static LogEntry parse(String text, boolean truncated) {
		if (text.startsWith("{")) {
			return LogEntry.parse(text, truncated);
		}
		String first = text.split("[ \n]", 2)[0].toLowerCase(Locale.ROOT);
		String level = List.of("error", "warn", "info", "debug").contains(first) ? first : "unknown";
		StringBuilder json = new StringBuilder("{\"level\":\"").append(level).append("\",\"msg\":\"");
		JsonStringEncoder.getInstance().quoteAsString(text, json);
		json.append('"');
		if (truncated) {
			json.append(",\"truncated\":true");
		}
		json.append('}');
		return new LogEntry(json.toString(), level, List.of(level, text.toLowerCase(Locale.ROOT)), LogEntry.NO_TIME,
				text);
	}

	@Test
	void continuationLinesJoinTheEntryBeforeThem() {
		List<LogHistory.Line> entries = forward(
				"ERROR boom\n\tat a.B.c(B.java:1)\nCaused by: x\n\t... 3 more\nINFO fine\n{\"level\":\"info\",\"msg\":\"j\"}\n"
						+ "\tat orphan\n",
				1000);
		assertThat(entries).extracting((line) -> line.entry().text())
			.containsExactly("ERROR boom\n\tat a.B.c(B.java:1)\nCaused by: x\n\t... 3 more", "INFO fine",
					"{\"level\":\"info\",\"msg\":\"j\"}", "\tat orphan");
		assertThat(entries.get(0).entry().level()).isEqualTo("error");
		// The cursor of an entry is the end of its last line.
		assertThat(entries.get(0).endOffset())
			.isEqualTo("ERROR boom\n\tat a.B.c(B.java:1)\nCaused by: x\n\t... 3 more\n".length());
		// A JSON entry is never continued: the line after it is an entry of its own, at
		// the level of the one before.
		JsonNode orphan = JSON.readTree(entries.get(3).entry().json());
		assertThat(orphan.get("continuation").asBoolean()).isTrue();
		assertThat(orphan.get("level").asString()).isEqualTo("info");
		assertThat(orphan.get("msg").asString()).isEqualTo("\tat orphan");
	}

	@Test
	void anEntryJoinsAtMostAThousandLines() {
		StringBuilder content = new StringBuilder("ERROR long\n");
		for (int i = 0; i < 1004; i++) {
			content.append("\tat line").append(i).append('\n');
		}
		content.append("INFO after\n");
		List<LogHistory.Line> entries = forward(content.toString(), 1 << 20);
		assertThat(entries).hasSize(1 + 5 + 1);
		assertThat(entries.get(0).entry().text().split("\n")).hasSize(LogsProperties.MAX_ENTRY_LINES);
		assertThat(entries.get(1).entry().json()).contains("\"continuation\":true").contains("\"level\":\"error\"");
		assertThat(backward(content.toString(), 1 << 20, 64)).isEqualTo(entries);
	}

	@Test
	void joinedTextIsCutAtTheLineLimitAndFlagged() {
		List<LogHistory.Line> entries = forward("ERROR 123456\n\tat abcdefgh\n\tat ijk\n", 16);
		assertThat(entries).hasSize(1);
		assertThat(entries.get(0).entry().text()).isEqualTo("ERROR 123456\n\tat");
		assertThat(entries.get(0).entry().json()).contains("\"truncated\":true");
		assertThat(backward("ERROR 123456\n\tat abcdefgh\n\tat ijk\n", 16, 5)).isEqualTo(entries);
	}

	/**
	 * History read backwards, a chunk at a time, cuts the same entries with the same
	 * cursors as a forward read of the same bytes, whatever the chunk size.
	 */
	@Test
	void historyBackwardsAgreesWithReadingForward() throws IOException {
		String[] kinds = { "ERROR failed", "INFO ok", "\tat a.B(B.java:1)", " continued", "Caused by: y",
				"{\"level\":\"warn\",\"msg\":\"json\"}", "", "WARN w\r" };
		Random random = new Random(11);
		for (int round = 0; round < 200; round++) {
			StringBuilder content = new StringBuilder();
			int lines = random.nextInt(30);
			for (int i = 0; i < lines; i++) {
				content.append(kinds[random.nextInt(kinds.length)]).append('\n');
			}
			List<LogHistory.Line> expected = forward(content.toString(), 1000);
			for (int chunk : new int[] { 1, 7, 64 }) {
				assertThat(backward(content.toString(), 1000, chunk)).as("round %d chunk %d", round, chunk)
					.isEqualTo(expected);
			}
			Path file = write(content.toString());
			assertThat(read(file, 0, null)).as("round %d read forward", round).isEqualTo(expected);
			// From any entry's cursor on, as context reads after its target.
			for (int i = 0; i < expected.size(); i++) {
				assertThat(read(file, expected.get(i).endOffset(), expected.get(i).entry()))
					.as("round %d after entry %d", round, i)
					.isEqualTo(expected.subList(i + 1, expected.size()));
			}
		}
	}

	/**
	 * Pages stop only between entries: paged through with small pages, history gives
	 * every entry once, whole, and each {@code next} is where an entry starts.
	 */
	@Test
	void historyPagesStopOnlyBetweenEntries() throws IOException {
		String content = "INFO one\nERROR two\n\tat a\n\tat b\nINFO three\nERROR four\nCaused by: c\n\tat d\nINFO five\n";
		Path file = write(content);
		List<LogHistory.Line> expected = forward(content, 1000);
		List<Long> starts = new ArrayList<>(List.of(0L));
		expected.forEach((line) -> starts.add(line.endOffset()));
		for (long budget : new long[] { 1, 5, 1000 }) {
			LogHistory history = new LogHistory(LogHistoryTests.properties(1000), 3, budget);
			List<LogHistory.Line> all = new ArrayList<>();
			Long before = null;
			do {
				LogHistory.Page page = history.page(file, RULES, before, LogFilter.NONE, 1);
				all.addAll(page.lines());
				before = page.next();
				if (before != null) {
					assertThat(starts).as("budget %d", budget).contains(before);
				}
			}
			while (before != null);
			java.util.Collections.reverse(all);
			assertThat(all).isEqualTo(expected);
		}
	}

	@Test
	void replayJoinsForwardUpToWhereTheTailerWas() throws IOException {
		String content = "INFO one\nERROR two\n\tat a\n\tat b\nINFO three\n";
		Path file = write(content);
		long end = "INFO one\nERROR two\n\tat a\n\tat b\n".length();
		try (LogReplay replay = LogReplay.open(file, 42, "INFO one\n".length(), end, RULES, LogFilter.NONE, events(),
				1000)) {
			List<String> ids = new ArrayList<>();
			List<String> data = new ArrayList<>();
			for (var chunk = replay.next(); !chunk.isEmpty(); chunk = replay.next()) {
				chunk.forEach((event) -> {
					ids.add(event.id());
					data.add(event.data());
				});
			}
			assertThat(ids).containsExactly("42-" + end);
			assertThat(JSON.readTree(data.get(0)).get("msg").asString()).isEqualTo("ERROR two\n\tat a\n\tat b");
		}
	}

	/**
	 * Under a live tail the stack trace arrives after its message, after a pause shorter
	 * than the wait: one entry. A continuation after the wait is an entry of its own, at
	 * the level of the one before. The next entry's start lets a held entry go at once.
	 */
	@Test
	void theLiveTailHoldsAnEntryUntilItsContinuationArrives() throws Exception {
		Path file = Files.createFile(this.dir.resolve("app.log"));
		LogSource source = new LogSource("app", LogFiles.of(file, null), LogFormat.PLAIN, null);
		LogTailer tailer = new LogTailer(source, RULES, events(), new LogMetrics(new SimpleMeterRegistry()), 1000,
				Duration.ofMillis(50), Duration.ofSeconds(3));
		List<LogTailer.Read> reads = new CopyOnWriteArrayList<>();
		tailer.start();
		try {
			tailer.watch(reads::add);
			append(file, "ERROR boom\n");
			Thread.sleep(300);
			append(file, "\tat a.B(B.java:1)\n");
			Thread.sleep(300);
			append(file, "\tat c.D(D.java:2)\n");
			await().atMost(Duration.ofSeconds(15)).until(() -> reads.size() == 1);
			long identity = LogCursor.identity(file).orElseThrow();
			assertThat(reads.get(0).entry().text()).isEqualTo("ERROR boom\n\tat a.B(B.java:1)\n\tat c.D(D.java:2)");
			assertThat(reads.get(0).cursor()).isEqualTo(identity + "-" + Files.size(file));

			append(file, "\tat late.E(E.java:3)\n");
			await().atMost(Duration.ofSeconds(15)).until(() -> reads.size() == 2);
			JsonNode late = JSON.readTree(reads.get(1).entry().json());
			assertThat(late.get("continuation").asBoolean()).isTrue();
			assertThat(late.get("level").asString()).isEqualTo("error");

			append(file, "INFO next\nWARN then\n");
			await().atMost(Duration.ofSeconds(15)).until(() -> reads.size() == 4);
			assertThat(reads).extracting((read) -> read.entry().text()).endsWith("INFO next", "WARN then");
		}
		finally {
			tailer.stop();
		}
	}

	/**
	 * With a wait far longer than the test, a JSON line still arrives (it is never held),
	 * and a held plain entry goes as soon as the next entry starts.
	 */
	@Test
	void onlyEntriesThatMayBeContinuedAreHeld() throws Exception {
		Path file = Files.createFile(this.dir.resolve("mixed.log"));
		LogSource source = new LogSource("mixed", LogFiles.of(file, null), LogFormat.AUTO, null);
		LogTailer tailer = new LogTailer(source, RULES, events(), new LogMetrics(new SimpleMeterRegistry()), 1000,
				Duration.ofMillis(50), Duration.ofHours(1));
		List<LogTailer.Read> reads = new CopyOnWriteArrayList<>();
		tailer.start();
		try {
			tailer.watch(reads::add);
			append(file, "{\"level\":\"info\",\"msg\":\"json\"}\n");
			await().atMost(Duration.ofSeconds(15)).until(() -> reads.size() == 1);
			append(file, "ERROR held\n");
			Thread.sleep(500);
			assertThat(reads).hasSize(1);
			append(file, "{\"level\":\"info\",\"msg\":\"after\"}\n");
			await().atMost(Duration.ofSeconds(15)).until(() -> reads.size() == 3);
			assertThat(reads).extracting((read) -> read.entry().text())
				.containsExactly("{\"level\":\"info\",\"msg\":\"json\"}", "ERROR held",
						"{\"level\":\"info\",\"msg\":\"after\"}");
		}
		finally {
			tailer.stop();
		}
	}

	private static List<LogHistory.Line> forward(String content, int maxLine) {
		List<LogHistory.Line> entries = new ArrayList<>();
		EntryAssembler assembler = new EntryAssembler(RULES, maxLine);
		EntryAssembler.Sink sink = (entry, start, end) -> entries.add(new LogHistory.Line(entry, end));
		new LineSplitter(maxLine).feed(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)), 0,
				(text, truncated, end) -> assembler.line(text, truncated, end, sink));
		assembler.flush(sink);
		return entries;
	}

	/** {@link LogEntryReader} from {@code from} (after {@code previous}) to the end. */
	private static List<LogHistory.Line> read(Path file, long from, @Nullable LogEntry previous) throws IOException {
		List<LogHistory.Line> entries = new ArrayList<>();
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			new LogEntryReader(RULES, 1000, 16).read(channel, from, channel.size(), true, previous,
					(entry, start, end) -> {
						if (start != (entries.isEmpty() ? from : entries.get(entries.size() - 1).endOffset())) {
							throw new AssertionError("entry at " + start + " does not start where the last ended");
						}
						return entries.add(new LogHistory.Line(entry, end));
					});
		}
		return entries;
	}

	private List<LogHistory.Line> backward(String content, int maxLine, int chunk) {
		try {
			Path file = write(content);
			return new LogHistory(LogHistoryTests.properties(maxLine), chunk, 1L << 40).lastMatching(file, RULES,
					Files.size(file), LogFilter.NONE, 100_000);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Path write(String content) throws IOException {
		Path file = Files.createTempFile(this.dir, "joined", ".log");
		Files.writeString(file, content, StandardCharsets.UTF_8);
		return file;
	}

	private static void append(Path file, String text) throws IOException {
		Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
	}

	static LogEvents events() {
		try {
			Constructor<StreamJson> constructor = StreamJson.class.getDeclaredConstructor(JsonMapper.class);
			constructor.setAccessible(true);
			return new LogEvents(constructor.newInstance(JsonMapper.builder().build()));
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
