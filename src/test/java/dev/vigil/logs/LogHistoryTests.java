package dev.vigil.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.unit.DataSize;

import dev.vigil.InvalidRequestException;
import dev.vigil.support.LogLines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The backward reader against a plain forward split of the same bytes, with chunks small
 * enough to put boundaries everywhere.
 */
class LogHistoryTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dir;

	@Test
	void emptyFileHasNoEntriesAndNoNextPage() throws IOException {
		Path file = write(new byte[0]);
		LogHistory.Page page = history(16, 1000).page(file, null, LogFilter.NONE, 10);
		assertThat(page.entries()).isEmpty();
		assertThat(page.next()).isNull();
		assertThat(history(16, 1000).lastMatching(file, 0, LogFilter.NONE, 10)).isEmpty();
	}

	@Test
	void emptyLinesAreEmptyUnknownEntriesAsInTheTailer() throws IOException {
		LogEntry empty = LogEntry.parse("", false);
		assertThat(empty.json()).isEqualTo("{\"level\":\"unknown\",\"msg\":\"\"}");
		Path file = write("\n\n\n");
		LogHistory.Page page = history(2, 1000).page(file, null, LogFilter.NONE, 10);
		assertThat(page.entries()).containsExactly(empty, empty, empty);
		assertThat(page.next()).isNull();
		assertThat(history(2, 1000).lastMatching(file, 3, LogFilter.NONE, 10)).extracting(LogHistory.Line::endOffset)
			.containsExactly(1L, 2L, 3L);
		file = write("\r\n\r\n");
		assertThat(history(2, 1000).page(file, null, LogFilter.NONE, 10).entries()).containsExactly(empty, empty);
		file = write("\n\r");
		assertThat(history(2, 1000).page(file, null, LogFilter.NONE, 10).entries())
			.as("an unterminated \\r is an empty line too")
			.containsExactly(empty, empty);
		assertThat(history(2, 1000).lastMatching(file, 2, LogFilter.NONE, 10)).hasSize(1);
	}

	@Test
	void lastLineWithoutNewlineIsReadAsALine() throws IOException {
		Path file = write("first\nsecond\nthird");
		LogHistory.Page page = history(4, 1000).page(file, null, LogFilter.NONE, 10);
		assertThat(msgs(page.entries())).containsExactly("third", "second", "first");
		assertThat(page.next()).isNull();
	}

	@Test
	void singleLineWithoutNewline() throws IOException {
		Path file = write("only");
		assertThat(msgs(history(3, 1000).page(file, null, LogFilter.NONE, 10).entries())).containsExactly("only");
	}

	@Test
	void linesOfExactlyTheChunkSizeAndAroundIt() throws IOException {
		int chunk = 16;
		for (String terminator : List.of("\n", "\r\n")) {
			StringBuilder content = new StringBuilder();
			List<String> lines = new ArrayList<>();
			for (int length : new int[] { chunk, chunk - 1, chunk + 1, chunk, 2 * chunk, chunk - 2, chunk }) {
				String line = String.valueOf((char) ('a' + lines.size())).repeat(length);
				lines.add(line);
				content.append(line).append(terminator);
			}
			Path file = write(content.toString());
			List<LogEntry> all = pageThrough(history(chunk, 1 << 20), file, LogFilter.NONE, 2);
			Collections.reverse(lines);
			assertThat(msgs(all)).containsExactlyElementsOf(lines);
		}
		// The whole file one chunk: one line of chunk size with its newline in the next
		// chunk.
		Path file = write("x".repeat(chunk) + "\n");
		assertThat(msgs(history(chunk, 1000).page(file, null, LogFilter.NONE, 5).entries()))
			.containsExactly("x".repeat(chunk));
		file = write("y".repeat(chunk - 1) + "\n");
		assertThat(msgs(history(chunk, 1000).page(file, null, LogFilter.NONE, 5).entries()))
			.containsExactly("y".repeat(chunk - 1));
	}

	@Test
	void pagesContinueStrictlyBeforeTheCursorUntilTheStart() throws IOException {
		Path file = write("one\ntwo\nthree\nfour\nfive\n");
		LogHistory history = history(5, 1000);
		LogHistory.Page first = history.page(file, null, LogFilter.NONE, 2);
		assertThat(msgs(first.entries())).containsExactly("five", "four");
		assertThat(first.next()).isEqualTo("one\ntwo\nthree\n".length());
		LogHistory.Page second = history.page(file, first.next(), LogFilter.NONE, 2);
		assertThat(msgs(second.entries())).containsExactly("three", "two");
		LogHistory.Page third = history.page(file, second.next(), LogFilter.NONE, 2);
		assertThat(msgs(third.entries())).containsExactly("one");
		assertThat(third.next()).isNull();
		LogHistory.Page atStart = history.page(file, 0L, LogFilter.NONE, 2);
		assertThat(atStart.entries()).isEmpty();
		assertThat(atStart.next()).isNull();
	}

	@Test
	void cursorOutsideTheFileIsABadRequest() throws IOException {
		Path file = write("one\n");
		LogHistory history = history(16, 1000);
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> history.page(file, 5L, LogFilter.NONE, 2))
			.withMessage("invalid cursor");
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> history.page(file, -1L, LogFilter.NONE, 2))
			.withMessage("invalid cursor");
		assertThat(msgs(history.page(file, 4L, LogFilter.NONE, 2).entries())).containsExactly("one");
	}

	@Test
	void longLinesKeepTheirFirstMaxLineBytesAndAreFlagged() throws IOException {
		String longLine = "{\"level\":\"warn\",\"msg\":\"" + "z".repeat(100) + "\"}";
		String exact = "e".repeat(20);
		Path file = write(longLine + "\n" + exact + "\r\n" + "f".repeat(21) + "\r\n");
		List<LogEntry> entries = pageThrough(history(7, 20), file, LogFilter.NONE, 10);
		assertThat(entries).hasSize(3);
		assertThat(entries.get(0)).isEqualTo(LogEntry.parse("f".repeat(20), true));
		assertThat(entries.get(1)).as("maxLine bytes plus \\r is not truncated")
			.isEqualTo(LogEntry.parse(exact, false));
		assertThat(entries.get(2)).isEqualTo(LogEntry.parse(longLine.substring(0, 20), true));
		assertThat(entries.get(2).level()).as("level found in the head").isEqualTo("warn");
		assertThat(entries.get(2).json()).contains("\"truncated\":true");
	}

	@Test
	void aCharacterCutAtTheLimitIsReplaced() throws IOException {
		// 'é' is two bytes: a cut at 5 bytes falls inside the third one, as in the
		// tailer.
		Path file = write("ééééé\n");
		LogEntry entry = history(3, 5).page(file, null, LogFilter.NONE, 1).entries().get(0);
		assertThat(entry).isEqualTo(LogEntry.parse("éé\uFFFD", true));
	}

	@Test
	void invalidUtf8IsReplaced() throws IOException {
		Path file = write(new byte[] { 'o', 'k', (byte) 0xFF, (byte) 0xC3, '\n' });
		assertThat(msgs(history(2, 100).page(file, null, LogFilter.NONE, 1).entries()))
			.containsExactly("ok\uFFFD\uFFFD");
	}

	@Test
	void filterIsAppliedAndLimitCountsMatches() throws IOException {
		Path file = write(json("info", "a") + json("error", "b timeout") + json("warn", "c") + json("error", "d")
				+ json("info", "e TIMEOUT") + "plain timeout\n");
		LogHistory history = history(8, 1000);
		assertThat(msgs(pageThrough(history, file, LogFilter.of("error,warn", null), 1))).containsExactly("d", "c",
				"b timeout");
		assertThat(msgs(pageThrough(history, file, LogFilter.of(null, "TimeOut"), 2))).containsExactly("plain timeout",
				"e TIMEOUT", "b timeout");
		assertThat(msgs(history.page(file, null, LogFilter.of("error", "timeout"), 10).entries()))
			.containsExactly("b timeout");
	}

	@Test
	void scanStopsAfterItsBudgetWithACursorAndNothingIsLost() throws IOException {
		StringBuilder content = new StringBuilder();
		for (int i = 0; i < 500; i++) {
			content.append(json("info", ((i % 100 == 0) ? "needle " : "hay ") + i));
		}
		Path file = write(content.toString());
		LogHistory history = budgeted(64, 256);
		LogFilter filter = LogFilter.of(null, "needle");
		LogHistory.Page first = history.page(file, null, filter, 10);
		assertThat(first.entries()).as("no match within the budget").isEmpty();
		assertThat(first.next()).isNotNull().isLessThan(Files.size(file));
		List<LogEntry> found = pageThrough(history, file, filter, 10);
		assertThat(msgs(found)).containsExactly("needle 400", "needle 300", "needle 200", "needle 100", "needle 0");
	}

	@Test
	void aLineLongerThanTheBudgetIsStillReadWhole() throws IOException {
		Path file = write("a\n" + "b".repeat(5000) + "\nc\n");
		List<LogEntry> all = pageThrough(budgeted(16, 64), file, LogFilter.NONE, 100);
		assertThat(msgs(all)).containsExactly("c", "b".repeat(5000), "a");
	}

	@Test
	void lastMatchingIsOldestFirstAndBoundedByTheEndOffset() throws IOException {
		String content = json("info", "one") + json("error", "two") + json("info", "three") + json("error", "four")
				+ json("info", "five");
		Path file = write(content + "{\"level\":\"error\",\"msg\":\"partial");
		LogHistory history = history(16, 1 << 20);
		assertThat(msgs(history.lastMatching(file, Files.size(file), LogFilter.NONE, 3)))
			.as("the unterminated line is the tailer's")
			.containsExactly("three", "four", "five");
		assertThat(history.lastMatching(file, Files.size(file), LogFilter.NONE, 1))
			.extracting(LogHistory.Line::endOffset)
			.as("just after the newline")
			.containsExactly((long) content.length());
		assertThat(msgs(history.lastMatching(file, Files.size(file), LogFilter.of("error", null), 10)))
			.containsExactly("two", "four");
		int afterFour = content.indexOf(json("info", "five"));
		assertThat(msgs(history.lastMatching(file, afterFour, LogFilter.NONE, 10))).containsExactly("one", "two",
				"three", "four");
		assertThat(msgs(history.lastMatching(file, afterFour - 1, LogFilter.NONE, 10)))
			.as("a line cut by the offset has not ended")
			.containsExactly("one", "two", "three");
		assertThat(msgs(history.lastMatching(file, Long.MAX_VALUE, LogFilter.NONE, 2))).containsExactly("four", "five");
		assertThat(history.lastMatching(file, 0, LogFilter.NONE, 10)).isEmpty();
		assertThat(history.lastMatching(file, Files.size(file), LogFilter.NONE, 0)).isEmpty();
		assertThat(history.lastMatching(this.dir.resolve("missing.log"), 100, LogFilter.NONE, 10)).isEmpty();
	}

	/**
	 * Random lines (empty, CRLF, long, multi-byte, invalid bytes) at many chunk sizes and
	 * limits.
	 */
	@Test
	void matchesAForwardSplitForRandomContent() throws IOException {
		Random random = new Random(42);
		for (int round = 0; round < 60; round++) {
			byte[] content = randomContent(random, 1 + random.nextInt(40));
			Path file = write(content);
			for (int chunk : new int[] { 1, 2, 3, 7, 16, 64, 4096 }) {
				for (int maxLine : new int[] { 1, 4, 16, 50, 10_000 }) {
					List<LogEntry> expected = forwardSplit(content, content.length, maxLine, false);
					Collections.reverse(expected);
					for (int limit : new int[] { 1, 3, 1000 }) {
						LogHistory history = history(chunk, maxLine);
						assertThat(pageThrough(history, file, LogFilter.NONE, limit))
							.as("round %d chunk %d maxLine %d limit %d", round, chunk, maxLine, limit)
							.containsExactlyElementsOf(expected);
					}
					int end = random.nextInt(content.length + 1);
					List<LogHistory.Line> complete = forwardLines(content, end, maxLine, true);
					List<LogHistory.Line> last = complete.subList(Math.max(0, complete.size() - 5), complete.size());
					assertThat(history(chunk, maxLine).lastMatching(file, end, LogFilter.NONE, 5))
						.as("lastMatching round %d chunk %d maxLine %d end %d", round, chunk, maxLine, end)
						.containsExactlyElementsOf(last);
				}
			}
		}
	}

	/**
	 * Backfill must agree with what the tailer delivers: the same bytes through the
	 * tailer's {@link LineSplitter} give the same lines and end offsets, CRLF included.
	 */
	@Test
	void lastMatchingAgreesWithTheTailersSplitter() throws IOException {
		Random random = new Random(7);
		for (int round = 0; round < 40; round++) {
			byte[] content = randomContent(random, 1 + random.nextInt(40));
			Path file = write(content);
			for (int maxLine : new int[] { 1, 4, 16, 50, 10_000 }) {
				List<LogHistory.Line> expected = new ArrayList<>();
				new LineSplitter(maxLine).feed(ByteBuffer.wrap(content), 0, (text, truncated, endOffset) -> expected
					.add(new LogHistory.Line(LogEntry.parse(text, truncated), endOffset)));
				for (int chunk : new int[] { 1, 5, 64 }) {
					assertThat(history(chunk, maxLine).lastMatching(file, content.length, LogFilter.NONE, 100_000))
						.as("round %d chunk %d maxLine %d", round, chunk, maxLine)
						.containsExactlyElementsOf(expected);
				}
			}
		}
	}

	private static byte[] randomContent(Random random, int lines) {
		// No piece starts with white space: such a line continues the entry before it,
		// which EntryJoiningTests covers; here every line is an entry.
		String[] pieces = { "a", "b", "z", "a ", "é", "€", "😀", "{", "\"" };
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int i = 0; i < lines; i++) {
			int kind = random.nextInt(10);
			if (kind == 0) {
				// empty line
			}
			else if (kind == 1) {
				out.writeBytes(json(random.nextBoolean() ? "info" : "error", "m" + i).strip()
					.getBytes(StandardCharsets.UTF_8));
			}
			else {
				int length = random.nextInt((kind == 2) ? 200 : 30);
				for (int j = 0; j < length; j++) {
					if (random.nextInt(50) == 0) {
						out.write(0xFF);
					}
					else {
						out.writeBytes(pieces[random.nextInt(pieces.length)].getBytes(StandardCharsets.UTF_8));
					}
				}
			}
			if (random.nextInt(4) == 0) {
				out.write('\r');
			}
			if (i < lines - 1 || random.nextBoolean()) {
				out.write('\n');
			}
		}
		return out.toByteArray();
	}

	private static List<LogEntry> forwardSplit(byte[] content, int end, int maxLine, boolean completeOnly) {
		return new ArrayList<>(
				forwardLines(content, end, maxLine, completeOnly).stream().map(LogHistory.Line::entry).toList());
	}

	/** The reference model: split forwards, the obvious way. */
	private static List<LogHistory.Line> forwardLines(byte[] content, int end, int maxLine, boolean completeOnly) {
		List<LogHistory.Line> lines = new ArrayList<>();
		int start = 0;
		for (int i = 0; i <= end; i++) {
			boolean newline = i < end && content[i] == '\n';
			if (!newline && i < end) {
				continue;
			}
			if (!newline && (completeOnly || i == start)) {
				break;
			}
			int stop = i;
			if (stop > start && content[stop - 1] == '\r') {
				stop--;
			}
			int length = stop - start;
			boolean truncated = length > maxLine;
			if (truncated) {
				length = maxLine;
			}
			lines.add(new LogHistory.Line(
					LogEntry.parse(new String(content, start, length, StandardCharsets.UTF_8), truncated),
					newline ? i + 1 : i));
			start = i + 1;
		}
		return lines;
	}

	private static List<LogEntry> pageThrough(LogHistory history, Path file, LogFilter filter, int limit)
			throws IOException {
		List<LogEntry> all = new ArrayList<>();
		Long before = null;
		long previous = Long.MAX_VALUE;
		do {
			LogHistory.Page page = history.page(file, before, filter, limit);
			assertThat(page.entries().size()).isLessThanOrEqualTo(limit);
			all.addAll(page.entries());
			before = page.next();
			if (before != null) {
				assertThat(before).as("cursor moves backwards").isLessThan(previous);
				previous = before;
			}
		}
		while (before != null);
		return all;
	}

	private static LogHistory history(int chunk, int maxLine) {
		return new LogHistory(properties(maxLine), chunk, 1L << 40);
	}

	private static LogHistory budgeted(int chunk, long budget) {
		return new LogHistory(properties(1 << 16), chunk, budget);
	}

	static LogsProperties properties(int maxLine) {
		return new LogsProperties(null, "vigil.log", DataSize.ofBytes(maxLine), Duration.ofMillis(250), 100, 1000,
				DataSize.ofMegabytes(64), Duration.ofMillis(500), LogsProperties.AccessLog.SEPARATE, null,
				Duration.ofSeconds(10));
	}

	private static String json(String level, String msg) {
		return LogLines.line(LogLines.FIXED_TIME, level, msg) + "\n";
	}

	private static List<String> msgs(List<?> entries) {
		return entries.stream()
			.map((e) -> (e instanceof LogHistory.Line line) ? line.entry() : (LogEntry) e)
			.map((entry) -> JSON.readTree(entry.json()).get("msg").asString())
			.toList();
	}

	private Path write(String content) throws IOException {
		return write(content.getBytes(StandardCharsets.UTF_8));
	}

	private Path write(byte[] content) throws IOException {
		Path file = Files.createTempFile(this.dir, "vigil", ".log");
		Files.write(file, content);
		return file;
	}

}
