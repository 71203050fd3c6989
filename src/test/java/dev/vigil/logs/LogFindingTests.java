package dev.vigil.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

import dev.vigil.support.LogLines;
import dev.vigil.web.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The finding side of the viewer on real files: filters, bounded regex matching, seek,
 * rate and export, without a server.
 */
class LogFindingTests {

	private static final Instant T0 = Instant.parse("2026-11-21T00:00:00Z");

	@TempDir
	Path dir;

	@Test
	void filterParametersAreValidatedWith422NamingTheField() {
		assertInvalid(Map.of("regex", "("), "regex", "invalid regular expression: Unclosed group near index 1");
		assertInvalid(Map.of("exclude", "[a-"), "exclude", "invalid regular expression");
		assertInvalid(Map.of("regex", "x".repeat(501)), "regex", "at most 500 characters");
		assertInvalid(Map.of("from", "2026-11-22"), "from", "ISO-8601 instant");
		assertInvalid(Map.of("to", "yesterday"), "to", "ISO-8601 instant");
		assertInvalid(Map.of("from", "2026-11-22T10:00:00Z", "to", "2026-11-22T09:59:59Z"), "to", "before from");
		LogFilter filter = LogFilter.from(Map.of("regex", "x".repeat(500), "from", "2026-11-22T11:00:00+01:00", "to",
				"2026-11-22T10:00:00Z", "level", "Error, warn", "search", " Disk ")::get);
		assertThat(filter.fromText()).isEqualTo("2026-11-22T10:00:00Z");
		assertThat(filter.toText()).isEqualTo("2026-11-22T10:00:00Z");
		assertThat(filter.level()).isEqualTo("error,warn");
		assertThat(filter.search()).isEqualTo("disk");
		LogFilter empty = LogFilter.from(Map.of("regex", "", "exclude", "", "from", " ", "level", "")::get);
		assertThat(List.of(empty.regexText(), empty.excludeText(), empty.fromText(), empty.toText(), empty.level(),
				empty.search()))
			.containsOnly("");
	}

	@Test
	void regexAndExcludeLookAtTheRawTextIgnoringCase() {
		LogEntry json = entry(T0, "error", "Connection refused by db-1");
		LogEntry plain = LogEntry.parse("java.lang.IllegalStateException: boom", false);
		LogFilter regex = filter("regex", "refused BY db-\\d");
		assertThat(regex.matches(json)).isTrue();
		assertThat(regex.matches(plain)).isFalse();
		assertThat(filter("regex", "\"level\":\"ERROR\"").matches(json)).as("keys and quotes are text too").isTrue();
		LogFilter exclude = filter("exclude", "illegalstate");
		assertThat(exclude.matches(json)).isTrue();
		assertThat(exclude.matches(plain)).isFalse();
		LogFilter both = LogFilter.from(Map.of("level", "error", "regex", "db", "exclude", "db-2")::get);
		assertThat(both.matches(json)).isTrue();
		assertThat(both.matches(entry(T0, "error", "Connection refused by db-2"))).isFalse();
		assertThat(both.matches(entry(T0, "info", "Connection refused by db-1"))).isFalse();
	}

	@Test
	void aTimeRangeIncludesBothEndsAndHidesEntriesWithoutATime() {
		LogFilter range = LogFilter.from(Map.of("from", "2026-11-21T00:00:00Z", "to", "2026-11-21T00:01:00Z")::get);
		assertThat(range.matches(entry(T0, "info", "start"))).isTrue();
		assertThat(range.matches(entry(T0.plusSeconds(60), "info", "end"))).isTrue();
		assertThat(range.matches(entry(T0.minusMillis(1), "info", "before"))).isFalse();
		assertThat(range.matches(entry(T0.plusSeconds(60).plusMillis(1), "info", "after"))).isFalse();
		assertThat(range.matches(LogEntry.parse("no time here", false))).isFalse();
		assertThat(LogFilter.from(Map.of("from", "2026-11-21T00:00:00Z")::get)
			.matches(entry(Instant.parse("2030-01-01T00:00:00Z"), "info", "open end"))).isTrue();
		assertThat(LogFilter.NONE.matches(LogEntry.parse("no time here", false))).isTrue();
	}

	/**
	 * {@code (x+x+)+y} against a run of {@code x} backtracks cubically (Java memoises
	 * enough to make {@code (a+)+$} quadratic): a thousand characters are billions of
	 * steps, half a minute; without the bound this test would take hours.
	 */
	@Test
	void aCatastrophicRegexGivesUpAsNoMatchAndIsCounted() {
		long aborted = BoundedRegex.aborted();
		LogFilter cubic = filter("regex", "(x+x+)+y");
		LogFilter quadratic = filter("regex", "(a+)+$");
		assertThat(cubic.matches(LogEntry.parse("x".repeat(20) + "!", false))).isFalse();
		assertThat(quadratic.matches(LogEntry.parse("a".repeat(40) + "!", false))).isFalse();
		assertThat(BoundedRegex.aborted() - aborted).as("short lines are matched to the end").isZero();
		for (int length : List.of(1000, 5000, 200_000)) {
			assertThat(cubic.matches(LogEntry.parse("x".repeat(length) + "!", false))).isFalse();
			assertThat(quadratic.matches(LogEntry.parse("a".repeat(length) + "!", false))).isFalse();
		}
		assertThat(BoundedRegex.aborted() - aborted).isEqualTo(6);
		assertThat(cubic.matches(LogEntry.parse("x".repeat(1000) + "y", false))).isTrue();
		assertThat(quadratic.matches(LogEntry.parse("aaaa", false))).isTrue();
		assertThat(filter("exclude", "(x+x+)+y").matches(LogEntry.parse("x".repeat(1000) + "!", false)))
			.as("an exclude that gives up hides nothing")
			.isTrue();
		assertThat(BoundedRegex.aborted() - aborted).isEqualTo(7);
	}

	/**
	 * A leading or trailing {@code .*} changes nothing about where a pattern is found,
	 * and costs quadratic reads: dropped, so a long line is still searched.
	 */
	@Test
	void surroundingDotStarsAreDroppedWhereTheyMeanNothing() {
		assertThat(BoundedRegex.searchable(".*timeout.*")).isEqualTo("timeout");
		assertThat(BoundedRegex.searchable(".*?timeout")).isEqualTo("timeout");
		assertThat(BoundedRegex.searchable(".*+timeout")).isEqualTo(".*+timeout");
		assertThat(BoundedRegex.searchable("time\\\\.*")).isEqualTo("time\\\\");
		assertThat(BoundedRegex.searchable("time\\\\\\.*")).isEqualTo("time\\\\\\.*");
		assertThat(BoundedRegex.searchable("\\Qa.*")).isEqualTo("\\Qa.*");
		assertThat(filter("regex", ".*TIMEOUT.*").regexText()).as("acknowledged as given").isEqualTo(".*TIMEOUT.*");
		long aborted = BoundedRegex.aborted();
		assertThat(filter("regex", ".*timeout.*").matches(LogEntry.parse("x".repeat(20_000) + " timeout", false)))
			.isTrue();
		assertThat(filter("regex", "a\\.*").matches(LogEntry.parse("a...", false))).isTrue();
		assertThat(filter("regex", "^.*b$").matches(LogEntry.parse("ab", false))).isTrue();
		assertThat(BoundedRegex.aborted()).isEqualTo(aborted);
	}

	@Test
	void matchingSeesTheFirst64KbOfTheText() {
		String text = "x".repeat(BoundedRegex.MAX_TEXT - 6) + "needle" + "y".repeat(10) + "haystack";
		assertThat(BoundedRegex.compile("needle").find(text)).isTrue();
		assertThat(BoundedRegex.compile("haystack").find(text)).isFalse();
		assertThat(BoundedRegex.compile("needle$").find(text)).as("the text goes on after the cut").isFalse();
		assertThat(BoundedRegex.compile("needle(?=y)").find(text)).isTrue();
	}

	/**
	 * Every instant around every entry of files with equal times, untimed lines and long
	 * lines: the binary search agrees with a plain forward scan.
	 */
	@Test
	void seekAgreesWithAForwardScanEverywhere() throws IOException {
		Random random = new Random(20);
		StringBuilder content = new StringBuilder();
		List<long[]> timed = new ArrayList<>();
		long offset = 0;
		long time = T0.toEpochMilli();
		for (int i = 0; i < 1500; i++) {
			String line;
			if (random.nextInt(10) == 0) {
				line = "untimed " + "z".repeat(random.nextInt(300));
			}
			else {
				time += random.nextInt(3) * 1000;
				line = LogLines.line(Instant.ofEpochMilli(time), "info", "line " + i + "x".repeat(random.nextInt(200)));
				timed.add(new long[] { offset, time });
			}
			content.append(line).append('\n');
			offset += line.getBytes(StandardCharsets.UTF_8).length + 1;
		}
		Path live = this.dir.resolve("vigil.log");
		Files.writeString(live, content);
		LogSource source = source();
		LogSeek seek = new LogSeek(LogHistoryTests.properties(1 << 16), 512);
		long first = timed.get(0)[1];
		long last = timed.get(timed.size() - 1)[1];
		for (long at = first - 1000; at <= last + 1000; at += 1900) {
			long expected = offset;
			for (long[] entry : timed) {
				if (entry[1] > at) {
					expected = entry[0];
					break;
				}
			}
			if (at < first) {
				expected = 0;
			}
			assertThat(seek.seek(source, at)).as("at %d", at).isEqualTo(new LogSeek.Position("vigil.log", expected));
		}
	}

	@Test
	void seekPicksTheFileByTimeRange() throws IOException {
		Path older = write("vigil-2026-11-21.0.log", T0, 100, 60_000, Instant.parse("2026-11-21T02:00:00Z"));
		Path newer = write("vigil-2026-11-22.0.log", T0.plus(Duration.ofDays(1)), 100, 60_000,
				Instant.parse("2026-11-22T02:00:00Z"));
		write("vigil.log", T0.plus(Duration.ofDays(2)), 10, 1000, Instant.parse("2026-11-23T02:00:00Z"));
		LogSource source = source();
		LogSeek seek = new LogSeek(LogHistoryTests.properties(1 << 16));
		assertThat(seek.seek(source, Instant.parse("2020-01-01T00:00:00Z").toEpochMilli()))
			.isEqualTo(new LogSeek.Position("vigil-2026-11-21.0.log", 0));
		assertThat(seek.seek(source, T0.plusSeconds(600).toEpochMilli()))
			.isEqualTo(new LogSeek.Position("vigil-2026-11-21.0.log", offsetAfter(older, 11)));
		assertThat(seek.seek(source, Instant.parse("2026-11-21T23:00:00Z").toEpochMilli()))
			.isEqualTo(new LogSeek.Position("vigil-2026-11-21.0.log", Files.size(older)));
		assertThat(seek.seek(source, Instant.parse("2026-11-22T00:00:00Z").toEpochMilli()))
			.isEqualTo(new LogSeek.Position("vigil-2026-11-22.0.log", offsetAfter(newer, 1)));
		assertThat(seek.seek(source, Instant.parse("2030-01-01T00:00:00Z").toEpochMilli()))
			.isEqualTo(new LogSeek.Position("vigil.log", Files.size(this.dir.resolve("vigil.log"))));
	}

	@Test
	void rateCountsByMinuteAndLevelAcrossTheRotationAndSaysWhenCutShort() throws IOException {
		Instant now = Instant.parse("2026-11-22T10:30:20Z");
		StringBuilder rotated = new StringBuilder();
		rotated.append(LogLines.line(now.minus(Duration.ofMinutes(61)), "error", "too old")).append('\n');
		for (int i = 0; i < 30; i++) {
			rotated.append(LogLines.line(now.minus(Duration.ofMinutes(50)), (i % 3 == 0) ? "error" : "info", "r" + i))
				.append('\n');
		}
		Files.writeString(this.dir.resolve("vigil-2026-11-22.0.log"), rotated);
		StringBuilder live = new StringBuilder();
		for (int i = 0; i < 20; i++) {
			live.append(LogLines.line(now.minus(Duration.ofMinutes(10)), "warn", "l" + i)).append('\n');
			live.append("untimed line ").append(i).append('\n');
		}
		live.append(LogLines.line(now, "debug", "now")).append('\n');
		Files.writeString(this.dir.resolve("vigil.log"), live);
		Files.setLastModifiedTime(this.dir.resolve("vigil-2026-11-22.0.log"),
				FileTime.from(now.minus(Duration.ofMinutes(20))));
		LogHistory history = new LogHistory(LogHistoryTests.properties(1 << 16), 4096, 1L << 40);

		LogRate.Rate rate = new LogRate(history).rate(source(), now);
		assertThat(rate.from()).isEqualTo(Instant.parse("2026-11-22T09:31:00Z"));
		assertThat(rate.to()).isEqualTo(Instant.parse("2026-11-22T10:31:00Z"));
		assertThat(rate.partial()).isFalse();
		assertThat(rate.buckets()).hasSize(60);
		Map<Instant, Map<String, Long>> nonEmpty = new HashMap<>();
		rate.buckets().stream().filter((b) -> !b.counts().isEmpty()).forEach((b) -> nonEmpty.put(b.time(), b.counts()));
		assertThat(nonEmpty).isEqualTo(Map.of(Instant.parse("2026-11-22T09:40:00Z"), Map.of("error", 10L, "info", 20L),
				Instant.parse("2026-11-22T10:20:00Z"), Map.of("warn", 20L), Instant.parse("2026-11-22T10:30:00Z"),
				Map.of("debug", 1L)));

		LogRate.Rate cut = new LogRate(history, 1000).rate(source(), now);
		assertThat(cut.partial()).isTrue();
		assertThat(cut.buckets().get(59).counts()).isEqualTo(Map.of("debug", 1L));
	}

	@Test
	void exportWritesTheMatchingEntriesAsWrittenOldestFirst() throws IOException {
		String a = LogLines.line(T0, "error", "db down");
		String b = LogLines.line(T0.plusSeconds(1), "info", "db up");
		String c = "plain line about the DB";
		String d = LogLines.line(T0.plusSeconds(2), "error", "disk full");
		Path file = this.dir.resolve("vigil.log");
		Files.writeString(file, a + "\r\n" + b + "\n" + c + "\n" + d);
		LogExport export = new LogExport(LogHistoryTests.properties(1 << 16));
		assertThat(export(export, file, Map.of("regex", "\\bdb\\b"))).isEqualTo(a + "\n" + b + "\n" + c + "\n");
		assertThat(export(export, file, Map.of("exclude", "db"))).isEqualTo(d + "\n");
		assertThat(export(export, file, Map.of("level", "error"))).isEqualTo(a + "\n" + d + "\n");
		assertThat(export(export, file, Map.of("from", "2026-11-21T00:00:01Z"))).isEqualTo(b + "\n" + d + "\n");
	}

	/**
	 * Context after an entry and export read forward the entries history reads backward,
	 * with the same cursors: in the own log (AUTO) a JSON entry is never continued, so
	 * the indented lines after it are entries of their own, at its level, for every
	 * reader.
	 */
	@Test
	void contextAndExportCutTheEntriesHistoryCuts() throws IOException {
		String content = LogLines.line(T0, "info", "retrying") + "\n\tat a.B.c(B.java:1)\n\tat d.E.f(E.java:2)\n"
				+ "ERROR plain failure\n\tat g.H.i(H.java:3)\n" + LogLines.line(T0.plusSeconds(1), "warn", "after")
				+ "\n";
		Path file = this.dir.resolve("vigil.log");
		Files.writeString(file, content);
		LogsProperties properties = LogHistoryTests.properties(1 << 16);
		LogHistory history = new LogHistory(properties);
		List<LogHistory.Line> lines = history.lastMatching(file, EntryRules.of(LogFormat.AUTO), Files.size(file),
				LogFilter.NONE, 100);
		assertThat(lines).extracting((line) -> line.entry().level())
			.containsExactly("info", "info", "info", "error", "warn");

		LogExport export = new LogExport(properties);
		for (Map<String, String> parameters : List.of(Map.<String, String>of(), Map.of("level", "info"),
				Map.of("regex", "B\\.java"))) {
			LogFilter filter = LogFilter.from(parameters::get);
			StringBuilder expected = new StringBuilder();
			lines.stream()
				.filter((line) -> filter.matches(line.entry()))
				.forEach((line) -> expected.append(line.entry().text()).append('\n'));
			assertThat(export(export, file, parameters)).as("export %s", parameters).isEqualTo(expected.toString());
		}

		LogContext context = new LogContext(history, properties);
		long fileId = LogCursor.identity(file).orElseThrow();
		for (int i = 0; i < lines.size(); i++) {
			LogContext.Around around = context.around(source(), new LogCursor(fileId, lines.get(i).endOffset()), 0,
					100);
			// From the target on: itself (found backward) and what follows (read
			// forward).
			List<LogHistory.Line> expected = lines.subList(i, lines.size());
			int target = around.target();
			assertThat(around.entries().subList(target, around.entries().size())).as("context after entry %d", i)
				.isEqualTo(expected.stream().map(LogHistory.Line::entry).toList());
			assertThat(around.cursors().subList(target, around.cursors().size())).as("cursors after entry %d", i)
				.isEqualTo(
						expected.stream().map((line) -> new LogCursor(fileId, line.endOffset()).toString()).toList());
		}
	}

	private String export(LogExport export, Path file, Map<String, String> parameters) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			export.write(source(), channel, LogFilter.from(parameters::get), out);
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	/** {@code count} lines {@code step} ms apart from {@code start}. */
	private Path write(String name, Instant start, int count, long step, Instant modified) throws IOException {
		StringBuilder content = new StringBuilder();
		for (int i = 0; i < count; i++) {
			content.append(LogLines.line(start.plusMillis(i * step), "info", name + " " + i)).append('\n');
		}
		Path file = this.dir.resolve(name);
		Files.writeString(file, content);
		Files.setLastModifiedTime(file, FileTime.from(modified));
		return file;
	}

	/** The offset after the first {@code lines} lines. */
	private static long offsetAfter(Path file, int lines) throws IOException {
		byte[] bytes = Files.readAllBytes(file);
		int seen = 0;
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == '\n' && ++seen == lines) {
				return i + 1;
			}
		}
		throw new AssertionError("fewer lines");
	}

	private LogSource source() {
		return new LogSource("vigil", LogFiles.own(this.dir, "vigil.log"), LogFormat.AUTO, null);
	}

	private static LogEntry entry(Instant time, String level, String msg) {
		return LogEntry.parse(LogLines.line(time, level, msg), false);
	}

	private static LogFilter filter(String name, String value) {
		return LogFilter.from(Map.of(name, value)::get);
	}

	private static void assertInvalid(Map<String, String> parameters, String field, String message) {
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> LogFilter.from(parameters::get))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
				assertThat(ex.fields()).containsOnlyKeys(field);
				assertThat(ex.fields().get(field)).contains(message);
			});
	}

}
