package dev.vigil.logs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each format over fixtures written after the formats' documentation
 * ({@code src/test/resources/logs/formats}): the entries' level, message, time and
 * fields, and which lines join into one entry.
 */
class LogFormatTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String[] FIXTURES = { "vigil.log", "pino.log", "bunyan.log", "zap.log", "slog.log",
			"boot-ecs.log", "boot-logstash.log", "boot-gelf.log", "serilog-clef.log", "logfmt.log", "spring-boot.log",
			"nginx-access.log", "apache-common.log", "nginx-error.log", "syslog-3164.log", "syslog-5424.log",
			"generic.log", "stacktrace.log" };

	/** A field the entry must not have. */
	private static final Object ABSENT = new Object();

	private static final String DEFAULT_PROFILE = "No active profile set, falling back to 1 default profile: \"default\"";

	static Stream<Case> cases() {
		return Stream.of(
				// Vigil's own lines
				c("vigil.log", 0, "info", "Started VigilApplication in 2.1 seconds", "2026-11-22T10:00:00.123Z",
						"logger", "dev.vigil.VigilApplication", "thread", "main"),
				c("vigil.log", 1, "error", "request failed", "2026-11-22T10:00:01.000Z", "status", 500, "request_id",
						"r-1", "stack", "java.lang.IllegalStateException: boom\n\tat dev.vigil.Foo.bar(Foo.java:1)\n",
						"lines", ABSENT),
				c("vigil.log", 2, "warn", "slow query", "2026-11-22T10:00:02.000Z"),
				// pino: numeric levels, epoch milliseconds
				c("pino.log", 0, "info", "hello world", "2018-07-09T21:17:54.631Z", "pid", 657, "hostname",
						"Davids-MBP-3.fritz.box"),
				c("pino.log", 1, "error", "this is at error level", "2018-07-09T21:18:02.399Z"),
				c("pino.log", 2, "trace", "trace me", "2018-07-09T21:18:02.399Z"),
				c("pino.log", 3, "fatal", "boom", "2018-07-09T21:18:02.399Z"),
				// bunyan: numeric levels, ISO time after the message
				c("bunyan.log", 0, "info", "hi", "2013-01-04T18:46:23.851Z", "name", "myapp", "v", 0),
				c("bunyan.log", 1, "warn", "au revoir", "2013-01-04T18:46:23.853Z", "lang", "fr"),
				c("bunyan.log", 2, "debug", "debug detail", "2013-01-04T18:46:23.854Z"),
				// zap: epoch seconds (with a fraction), dpanic, the development encoder's
				// time
				c("zap.log", 0, "info", "failed to fetch URL", "2009-11-10T23:00:00.000Z", "caller",
						"zap/example.go:12", "url", "http://example.com", "attempt", 3, "ts", ABSENT),
				c("zap.log", 1, "warn", "slow request", "2017-05-09T04:31:35.261Z", "latency", "1.2s"),
				c("zap.log", 2, "error", "impossible state", "2017-05-09T04:31:35.261Z", "stacktrace",
						"main.main\n\t/app/main.go:50"),
				c("zap.log", 3, "error", "dev encoder time", "2020-06-15T18:02:58.372Z"),
				// Go slog: upper-case levels, offsets, nanoseconds
				c("slog.log", 0, "info", "hello", "2022-11-08T20:28:26.000Z", "count", 3),
				c("slog.log", 1, "warn", "disk", "2023-08-04T20:09:59.123Z", "free", "5%"),
				c("slog.log", 2, "debug", "tick", "2023-08-04T16:10:00.000Z", "level_detail", "x"),
				c("slog.log", 3, "error", "failed", "2023-08-04T16:10:01.000Z", "err", "connection refused"),
				// Spring Boot structured logging: ECS (flat and nested), Logstash, GELF
				c("boot-ecs.log", 0, "info", DEFAULT_PROFILE, "2024-01-01T10:15:00.067Z", "log.logger",
						"org.example.Application", "process.pid", 39599, "log.level", ABSENT, "@timestamp", ABSENT,
						"message", ABSENT),
				c("boot-ecs.log", 1, "warn", "Nested ECS fields", "2024-01-01T10:15:00.067Z"),
				c("boot-logstash.log", 0, "info", DEFAULT_PROFILE, "2024-01-01T08:15:00.111Z", "logger_name",
						"org.example.Application", "level_value", 20000, "@version", "1"),
				c("boot-logstash.log", 1, "error", "Connection refused", "2024-01-01T08:15:01.500Z", "stack_trace",
						"java.net.ConnectException: Connection refused\n\tat org.example.Db.open(Db.java:12)\n"),
				c("boot-gelf.log", 0, "info", DEFAULT_PROFILE, "2024-09-10T08:47:15.857Z", "version", "1.1",
						"_level_name", "INFO", "short_message", ABSENT),
				c("boot-gelf.log", 1, "error", "Out of disk", "2024-09-10T08:47:16.001Z"),
				// Serilog's compact JSON: no @l means Information, @m before @mt
				c("serilog-clef.log", 0, "info", "Hello, {User}", "2016-06-07T03:44:57.853Z", "User", "nblumhardt"),
				c("serilog-clef.log", 1, "warn", "Disk low on C:", "2016-06-07T03:44:58.000Z", "@mt",
						"Disk low on {Drive}", "@l", ABSENT),
				// logfmt
				c("logfmt.log", 0, "info",
						"at=info method=GET path=/ host=mutelight.org fwd=\"124.133.52.161\" dyno=web.2 connect=4ms service=8ms status=200 bytes=1653",
						null, "method", "GET", "path", "/", "fwd", "124.133.52.161", "status", "200", "at", ABSENT),
				c("logfmt.log", 1, "error", "connect failed: \"db\" unreachable", "2026-11-22T10:00:00.123Z", "err",
						"dial tcp: i/o timeout", "retry", true),
				c("logfmt.log", 2, "info", "hello world", "2017-11-08T12:05:36.612Z", "caller", "main.go:61"),
				c("logfmt.log", 3, "warn", "The group's number increased tremendously!", "2015-03-26T05:27:38.000Z",
						"number", "122", "omg", "true"),
				c("logfmt.log", 4, "debug", "tick", "2017-11-07T17:17:30.500Z", "path", "C:\\temp\tdir", "unicode",
						"caf\u00e9"),
				// Spring Boot's console pattern (with and without the app name, a
				// correlation id,
				// a stack trace)
				c("spring-boot.log", 0, "info", "Starting MyApplication using Java 17.0.9 with PID 12345",
						"2026-11-22T10:00:00.123Z", "app", "myapp", "thread", "main", "logger",
						"o.s.b.d.f.logexample.MyApplication", "pid", 12345),
				c("spring-boot.log", 1, "warn", "No mapping for GET /favicon.ico", "2026-11-22T09:00:01.456Z", "thread",
						"nio-8080-exec-1"),
				c("spring-boot.log", 2, "info", "Starting Servlet Engine: Apache Tomcat/7.0.52",
						"local:2019-03-05T10:57:51.112", "thread", "main", "app", ABSENT, "pid", 45469, "logger",
						"org.apache.catalina.core.StandardEngine"),
				c("spring-boot.log", 3, "error", "Servlet.service() for servlet [dispatcherServlet] threw exception",
						"2026-11-22T10:00:02.000Z", "correlation", "5f0bd0b6d5d7d3b0f1c5e4a3b2c1d0e9-a1b2c3d4e5f60718",
						"thread", "nio-8080-exec-2", "logger", "o.a.c.c.C.[.[.[/].[dispatcherServlet]", "lines", 7,
						"stack",
						"java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"s\" is null\n"
								+ "\tat com.example.Foo.bar(Foo.java:10)\n\tat com.example.Foo.main(Foo.java:5)\n"
								+ "Caused by: java.lang.IllegalStateException: inner\n"
								+ "\tat com.example.Baz.qux(Baz.java:3)\n\t... 2 more"),
				c("spring-boot.log", 4, "debug", "", "2026-11-22T10:00:03.000Z", "logger", "o.s.b.Foo"),
				// access logs: the request line and status as the message, the level from
				// the
				// status
				c("nginx-access.log", 0, "info", "GET /index.html HTTP/1.1 200", "2026-11-22T10:00:00.000Z", "remote",
						"127.0.0.1", "method", "GET", "path", "/index.html", "protocol", "HTTP/1.1", "status", 200,
						"bytes", 612, "user", ABSENT, "referer", ABSENT, "agent", "curl/8.5.0"),
				c("nginx-access.log", 1, "warn", "POST /api/login HTTP/2.0 401", "2026-11-22T09:00:01.000Z", "user",
						"alice", "referer", "https://example.com/login", "agent", "Mozilla/5.0 (X11; Linux x86_64)"),
				c("nginx-access.log", 2, "error", "GET /boom HTTP/1.1 502", "2026-11-22T10:00:02.000Z", "remote", "::1",
						"status", 502),
				c("nginx-access.log", 3, "warn", "\\x16\\x03\\x01\\x00\\xF1\\x01 400", "2026-11-22T10:00:03.000Z",
						"request", "\\x16\\x03\\x01\\x00\\xF1\\x01", "method", ABSENT, "agent", ABSENT),
				c("nginx-access.log", 4, "info", "GET /q?a=\\\"b\\\" HTTP/1.1 304", "2026-11-22T10:00:04.000Z", "path",
						"/q?a=\\\"b\\\"", "bytes", 0, "agent", "agent with \\\"quotes\\\"", "extra",
						"\"10.1.1.1\" 0.003"),
				c("apache-common.log", 0, "info", "GET /apache_pb.gif HTTP/1.0 200", "2000-10-10T20:55:36.000Z", "user",
						"frank", "bytes", 2326, "agent", ABSENT),
				c("apache-common.log", 1, "info", "GET /apache_pb.gif HTTP/1.0 200", "2000-10-10T20:55:36.000Z",
						"referer", "http://www.example.com/start.html", "agent", "Mozilla/4.08 [en] (Win98; I ;Nav)"),
				c("apache-common.log", 2, "warn", "GET /missing HTTP/1.0 404", "2000-10-10T20:55:37.000Z", "status",
						404, "bytes", ABSENT),
				// nginx's error log
				c("nginx-error.log", 0, "error",
						"open() \"/usr/share/nginx/html/favicon.ico\" failed (2: No such file or directory), client: 127.0.0.1, server: localhost, request: \"GET /favicon.ico HTTP/1.1\", host: \"localhost\"",
						"local:2026-11-22T10:00:00", "pid", 12, "tid", 12, "connection", 1),
				c("nginx-error.log", 1, "info", "start worker processes", "local:2026-11-22T10:00:01", "connection",
						ABSENT),
				c("nginx-error.log", 2, "warn", "conflicting server name \"example.com\" on 0.0.0.0:80, ignored",
						"local:2026-11-22T10:00:02"),
				c("nginx-error.log", 3, "fatal",
						"SSL_do_handshake() failed (SSL: error:0A00006C:SSL routines::bad key share) while SSL handshaking, client: 10.0.0.9, server: 0.0.0.0:443",
						"local:2026-11-22T10:00:03", "connection", 5),
				// syslog
				c("syslog-3164.log", 0, "fatal", "'su root' failed for lonvick on /dev/pts/8", "year:10-11T22:14:15",
						"host", "mymachine", "program", "su", "facility", 4, "pid", ABSENT),
				c("syslog-3164.log", 1, "unknown", "Accepted publickey for ann from 10.0.0.2 port 51234 ssh2",
						"year:11-22T10:00:00", "host", "web1", "program", "sshd", "pid", 1234, "facility", ABSENT),
				c("syslog-3164.log", 2, "error", "[  123.456789] ERROR: I/O error, dev sda, sector 0",
						"year:11-02T10:00:00", "program", "kernel"),
				c("syslog-3164.log", 3, "unknown", "(root) CMD (run-parts /etc/cron.hourly)", "year:11-22T10:00:05",
						"program", "CRON", "pid", 99),
				c("syslog-3164.log", 4, "unknown", "Started Session 3 of user ann.", "2026-11-22T10:00:00.123Z", "host",
						"web1", "program", "systemd", "pid", 1),
				c("syslog-5424.log", 0, "fatal", "'su root' failed for lonvick on /dev/pts/8",
						"2003-10-11T22:14:15.003Z", "host", "mymachine.example.com", "app", "su", "procid", ABSENT,
						"msgid", "ID47", "facility", 4),
				c("syslog-5424.log", 1, "info", "%% It's time to make the do-nuts.", "2003-08-24T12:14:15.000Z", "host",
						"192.0.2.1", "app", "myproc", "procid", "8710", "msgid", ABSENT, "sd", ABSENT),
				c("syslog-5424.log", 2, "info", "An application event log entry...", "2003-10-11T22:14:15.003Z", "sd",
						"[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"]"),
				c("syslog-5424.log", 3, "info", "", "2003-10-11T22:14:15.003Z", "sd",
						"[exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"][examplePriority@32473 class=\"high\"]"),
				c("syslog-5424.log", 4, "error", "no time, no host", null, "host", ABSENT, "facility", 1),
				// anything else: a level word, the whole line as the message
				c("generic.log", 0, "error", "10:00:00.123 [main] ERROR com.example.Foo - logback's default pattern",
						null),
				c("generic.log", 1, "warn", "WARNING:root:disk almost full", null),
				c("generic.log", 2, "error", "[2026-11-22 10:00:00] production.ERROR: Laravel says no",
						"local:2026-11-22T10:00:00"),
				c("generic.log", 3, "error", "E/ActivityManager( 1234): ANR in com.example", null),
				c("generic.log", 4, "info", "I1122 10:00:00.123456    1234 main.go:12] klog says hello", null),
				c("generic.log", 5, "unknown", "Build finished: 0 errors, 2 warnings", null),
				c("generic.log", 6, "warn", "[ WARN ] padded and bracketed", null),
				c("generic.log", 7, "info", "2026-11-22 10:00:00,123 - app - INFO - python's asctime",
						"local:2026-11-22T10:00:00.123"),
				c("generic.log", 8, "unknown", "user=bob logged in", null, "user", ABSENT),
				c("generic.log", 9, "unknown", "plain text from a stray println", null),
				c("generic.log", 10, "fatal", "{not json} but FATAL", null),
				// multi-line entries
				c("stacktrace.log", 0, "error", "request failed", "2026-11-22T10:00:00.000Z", "lines", 3, "stack",
						"java.lang.IllegalStateException: boom\n\tat dev.vigil.Foo.bar(Foo.java:1)\n\tat dev.vigil.Foo.main(Foo.java:2)"),
				c("stacktrace.log", 1, "info", "next", "2026-11-22T10:00:01.000Z", "lines", ABSENT, "stack", ABSENT),
				c("stacktrace.log", 2, "unknown",
						"Exception in thread \"main\" java.lang.RuntimeException: printed by printStackTrace", null,
						"lines", 5, "stack",
						"\tat com.example.Main.main(Main.java:3)\nCaused by: java.io.IOException: disk\n\t... 1 more\n"
								+ "Suppressed: java.lang.Exception: also"),
				c("stacktrace.log", 3, "error", "ERROR:root:failed", null, "lines", 3),
				c("stacktrace.log", 4, "unknown", "ZeroDivisionError: division by zero", null, "lines", ABSENT));
	}

	@ParameterizedTest
	@MethodSource("cases")
	void readsEachFormatsFields(Case c) throws IOException {
		List<LogEntry> entries = entries(c.file(), LogFormat.AUTO);
		assertThat(entries).hasSizeGreaterThan(c.index());
		check(c, entries.get(c.index()));
	}

	/** A source configured with its format reads the same as AUTO reads it. */
	@ParameterizedTest
	@MethodSource("cases")
	void theConfiguredFormatReadsItsOwnLinesLikeAuto(Case c) throws IOException {
		LogFormat format = switch (c.file()) {
			case "logfmt.log" -> LogFormat.LOGFMT;
			case "vigil.log", "pino.log", "bunyan.log", "zap.log", "slog.log", "boot-ecs.log", "boot-logstash.log",
					"boot-gelf.log", "serilog-clef.log" ->
				LogFormat.JSON;
			case "stacktrace.log" -> LogFormat.AUTO;
			default -> LogFormat.PLAIN;
		};
		check(c, entries(c.file(), format).get(c.index()));
	}

	/** Whatever the format and the line, an entry has the shape clients rely on. */
	@ParameterizedTest
	@EnumSource(LogFormat.class)
	void everyEntryIsAnObjectWithLevelMsgAndAnIsoTimeFirst(LogFormat format) throws IOException {
		Set<String> levels = Set.of("trace", "debug", "info", "warn", "error", "fatal", "unknown");
		for (String file : FIXTURES) {
			for (String line : read(file)) {
				for (boolean truncated : new boolean[] { false, true }) {
					LogEntry entry = format.parse(line, truncated);
					JsonNode json = JSON.readTree(entry.json());
					assertThat(json.isObject()).as(line).isTrue();
					assertThat(levels).as(line).contains(entry.level());
					assertThat(json.get("level").asString()).as(line).isEqualTo(entry.level());
					assertThat(json.get("msg").isString()).as(line).isTrue();
					assertThat(entry.text()).isEqualTo(line);
					if (entry.time() != LogEntry.NO_TIME) {
						assertThat(entry.json()).as(line)
							.startsWith("{\"time\":\"" + LogTimes.format(entry.time()) + "\",\"level\":");
					}
					else {
						assertThat(json.has("time")).as(line).isFalse();
					}
					assertThat(json.has("truncated")).isEqualTo(truncated);
				}
			}
		}
	}

	@Test
	void ownLinesArePassedThroughAsTheSameString() {
		String line = "{\"time\":\"2026-11-22T10:00:00.123Z\",\"level\":\"warn\",\"msg\":\"Disk \\\"almost\\\" FULL\","
				+ "\"logger\":\"dev.vigil.Disk\",\"free_mb\":12,\"tags\":{\"a\":\"NOT searched\"},\"ok\":false}";
		for (LogFormat format : List.of(LogFormat.AUTO, LogFormat.JSON)) {
			LogEntry entry = format.parse(line, false);
			assertThat(entry.json()).isSameAs(line);
			assertThat(entry.text()).isSameAs(line);
			assertThat(entry.level()).isEqualTo("warn");
			assertThat(entry.time()).isEqualTo(Instant.parse("2026-11-22T10:00:00.123Z").toEpochMilli());
			assertThat(entry.strings()).containsExactly("2026-11-22t10:00:00.123z", "warn", "disk \"almost\" full",
					"dev.vigil.disk");
		}
		assertThat(LogEntry.parse(line, false).json()).isSameAs(line);
		// Instant.toString() (the load generator's lines): another fraction, still ours
		String nanos = "{\"time\":\"2026-11-22T10:00:00.123456789Z\",\"level\":\"info\",\"msg\":\"m\"}";
		assertThat(LogFormat.AUTO.parse(nanos, false).json()).isSameAs(nanos);
		assertThat(LogFormat.AUTO.parse(nanos, false).time())
			.isEqualTo(Instant.parse("2026-11-22T10:00:00.123Z").toEpochMilli());
	}

	@Test
	void ownLookingLinesThatAreNotQuiteOursAreWrittenAgain() {
		// an upper-case level, a time with an offset, the message before the level
		for (String line : List.of("{\"time\":\"2026-11-22T10:00:00.123Z\",\"level\":\"WARN\",\"msg\":\"m\"}",
				"{\"time\":\"2026-11-22T11:00:00.123+01:00\",\"level\":\"warn\",\"msg\":\"m\"}",
				"{\"time\":\"2026-11-22T10:00:00.123Z\",\"msg\":\"m\",\"level\":\"warn\"}")) {
			LogEntry entry = LogFormat.AUTO.parse(line, false);
			assertThat(entry.json())
				.isEqualTo("{\"time\":\"2026-11-22T10:00:00.123Z\",\"level\":\"warn\",\"msg\":\"m\"}");
		}
	}

	@Test
	void otherJsonIsWrittenTimeLevelMsgFirstThenItsFieldsInOrder() {
		LogEntry entry = LogFormat.AUTO.parse(
				"{\"pid\":1,\"level\":30,\"tags\":[\"A\"],\"time\":1531171074631,\"msg\":\"Hi\",\"host\":\"B\"}",
				false);
		assertThat(entry.json()).isEqualTo(
				"{\"time\":\"2018-07-09T21:17:54.631Z\",\"level\":\"info\",\"msg\":\"Hi\",\"pid\":1,\"tags\":[\"A\"],\"host\":\"B\"}");
		assertThat(entry.strings()).containsExactly("2018-07-09t21:17:54.631z", "info", "hi", "b");
		assertThat(entry.time()).isEqualTo(1531171074631L);
	}

	@Test
	void fieldsWhoseNamesTheEntryUsesKeepTheirValuesUnderAnotherName() {
		LogEntry entry = LogFormat.AUTO
			.parse("{\"level\":\"audit\",\"time\":\"yesterday\",\"message\":\"m\",\"msg\":7}", false);
		assertThat(entry.json()).isEqualTo(
				"{\"level\":\"unknown\",\"msg\":\"m\",\"level_raw\":\"audit\",\"time_raw\":\"yesterday\",\"msg_raw\":7}");
		assertThat(LogFormat.AUTO.parse("{\"a\":1}", false).json())
			.as("no message: the line is the message, as the viewer shows a line")
			.isEqualTo("{\"level\":\"unknown\",\"msg\":\"{\\\"a\\\":1}\",\"a\":1}");
	}

	@Test
	void continuationLinesGoToStackAppendedToTheLinesOwn() {
		LogEntry entry = LogFormat.AUTO.parse(
				"{\"level\":\"ERROR\",\"msg\":\"m\",\"stack\":\"java.lang.Error: x\",\"lines\":1}\n\tat a.B.c(B.java:1)",
				false);
		assertThat(entry.json()).isEqualTo("{\"level\":\"error\",\"msg\":\"m\",\"lines_raw\":1,"
				+ "\"stack\":\"java.lang.Error: x\\n\\tat a.B.c(B.java:1)\",\"lines\":2}");
		assertThat(entry.text()).isEqualTo(
				"{\"level\":\"ERROR\",\"msg\":\"m\",\"stack\":\"java.lang.Error: x\",\"lines\":1}\n\tat a.B.c(B.java:1)");
		LogEntry own = LogFormat.AUTO.parse(
				"{\"time\":\"2026-11-22T10:00:00.123Z\",\"level\":\"info\",\"msg\":\"m\"}\n  more\n  and more", false);
		assertThat(own.json()).isEqualTo("{\"time\":\"2026-11-22T10:00:00.123Z\",\"level\":\"info\",\"msg\":\"m\","
				+ "\"stack\":\"  more\\n  and more\",\"lines\":3}");
		assertThat(own.strings()).contains("  more\n  and more");
	}

	@Test
	void truncatedLinesKeepTheirTextAsMessageWithLevelAndTimeFromTheirStart() {
		String cut = "{\"time\":\"2026-11-22T10:00:00.123Z\",\"level\":\"error\",\"msg\":\"xxxxx";
		LogEntry entry = LogFormat.AUTO.parse(cut, true);
		assertThat(entry.level()).isEqualTo("error");
		assertThat(entry.time()).isEqualTo(Instant.parse("2026-11-22T10:00:00.123Z").toEpochMilli());
		assertThat(JSON.readTree(entry.json()).get("msg").asString()).isEqualTo(cut);
		assertThat(JSON.readTree(entry.json()).get("truncated").asBoolean()).isTrue();
		assertThat(LogFormat.AUTO.parse("{\"level\":50,\"msg\":\"xxx", true).level()).isEqualTo("error");
		assertThat(LogFormat.AUTO.parse("{\"msg\":\"xxx", true).level()).isEqualTo("unknown");
		LogEntry plain = LogFormat.AUTO.parse("2026/11/22 10:00:00 [warn] 1#1: xxxxx", true);
		assertThat(plain.level()).isEqualTo("warn");
		assertThat(plain.json()).endsWith(",\"truncated\":true}");
	}

	@Test
	void emptyAndNonObjectLinesAreUnknownPlainText() {
		assertThat(LogFormat.AUTO.parse("", false).json()).isEqualTo("{\"level\":\"unknown\",\"msg\":\"\"}");
		assertThat(LogFormat.JSON.parse("[1,2]", false).json()).isEqualTo("{\"level\":\"unknown\",\"msg\":\"[1,2]\"}");
		assertThat(LogFormat.JSON.parse("{\"broken\":", false).json())
			.isEqualTo("{\"level\":\"unknown\",\"msg\":\"{\\\"broken\\\":\"}");
		assertThat(LogFormat.AUTO.parse("plain", false).strings()).containsExactly("unknown", "plain");
	}

	@Test
	void onlyAutoAndLogfmtReadLogfmt() {
		String line = "level=warn msg=hi";
		assertThat(LogFormat.AUTO.parse(line, false).level()).isEqualTo("warn");
		assertThat(LogFormat.LOGFMT.parse(line, false).level()).isEqualTo("warn");
		assertThat(LogFormat.PLAIN.parse(line, false).level()).isEqualTo("unknown");
		assertThat(LogFormat.JSON.parse(line, false).level()).isEqualTo("unknown");
		// AUTO wants two pairs, one of them a level, message or time; LOGFMT takes one
		assertThat(LogFormat.AUTO.parse("a=1 b=2", false).json())
			.isEqualTo("{\"level\":\"unknown\",\"msg\":\"a=1 b=2\"}");
		assertThat(LogFormat.AUTO.parse("level=warn", false).json())
			.isEqualTo("{\"level\":\"unknown\",\"msg\":\"level=warn\"}");
		assertThat(LogFormat.LOGFMT.parse("level=warn", false).json())
			.isEqualTo("{\"level\":\"warn\",\"msg\":\"level=warn\"}");
		assertThat(LogFormat.AUTO.parse("level=warn msg=\"unterminated", false).level()).isEqualTo("unknown");
		assertThat(JSON.readTree(LogFormat.LOGFMT.parse("level=warn msg=\"unterminated", false).json())
			.get("msg")
			.asString()).isEqualTo("unterminated");
	}

	@Test
	void levelWordsAreUpperCaseOrBracketedWordsNotRunningText() {
		assertThat(LevelWords.find("0 errors, 1 warning, no error")).isNull();
		assertThat(LevelWords.find("TERRORS ERRORS ERROR_CODE xERROR")).isNull();
		assertThat(LevelWords.find("Info: just capitalised")).isNull();
		assertThat(LevelWords.find("x".repeat(100) + " ERROR")).as("beyond the first 100 characters").isNull();
		assertThat(LevelWords.find("[main] [Error] x")).isEqualTo("error");
		assertThat(LevelWords.find("<W> [W] x")).isEqualTo("warn");
		assertThat(LevelWords.find("ok; FATAL: x")).isEqualTo("fatal");
		assertThat(LevelWords.find("W/Tag: x")).isEqualTo("warn");
		assertThat(LevelWords.find("F0101 00:00:00.000000 1 x.go:1] x")).isEqualTo("fatal");
	}

	@Test
	void levelNamesAndNumbers() {
		assertThat(LevelWords.of("Warning")).isEqualTo("warn");
		assertThat(LevelWords.of("err")).isEqualTo("error");
		assertThat(LevelWords.of("CRITICAL")).isEqualTo("fatal");
		assertThat(LevelWords.of("panic")).isEqualTo("fatal");
		assertThat(LevelWords.of("dpanic")).isEqualTo("error");
		assertThat(LevelWords.of("Verbose")).isEqualTo("trace");
		assertThat(LevelWords.of("notice")).isEqualTo("info");
		assertThat(LevelWords.of("audit")).isEqualTo("unknown");
		assertThat(List.of(10, 20, 30, 40, 50, 60, 35).stream().map(LevelWords::of)).containsExactly("trace", "debug",
				"info", "warn", "error", "fatal", "warn");
		assertThat(List.of(0, 2, 3, 4, 5, 6, 7).stream().map(LevelWords::of)).containsExactly("fatal", "fatal", "error",
				"warn", "info", "info", "debug");
	}

	@Test
	void continuationLines() {
		List<String> continuing = List.of("\tat a.B.c(B.java:1)", "    at x (y.js:1:1)", " ", "at a.B.c(B.java:1)",
				"Caused by: java.io.IOException: x", "Suppressed: java.lang.Exception: y", "\t... 12 more",
				"... 12 more", "... 3 common frames omitted", "java.lang.IllegalStateException: boom",
				"org.example.Foo$BarError", "Traceback (most recent call last):");
		List<String> starting = List.of("", "{\"level\":\"info\"}", "2026-11-22 INFO x", "at=info method=GET",
				"java.lang.String is not an exception: x", "ZeroDivisionError: x", "... and more", "Caused by nothing",
				"attack");
		for (LogFormat format : List.of(LogFormat.AUTO, LogFormat.PLAIN)) {
			assertThat(continuing).allSatisfy((line) -> assertThat(format.continues(line)).as(line).isTrue());
			assertThat(starting).allSatisfy((line) -> assertThat(format.continues(line)).as(line).isFalse());
		}
		assertThat(LogFormat.PLAIN.continues("{\"level\":\"info\"}")).isFalse();
		assertThat(LogFormat.LOGFMT.continues("\tat a.B.c(B.java:1)")).isTrue();
		assertThat(LogFormat.LOGFMT.continues("Caused by: x")).isFalse();
		assertThat(Stream.concat(continuing.stream(), starting.stream()).filter(LogFormat.JSON::continues)).isEmpty();
	}

	@Test
	void timesWithoutAYearOrZone() {
		long now = Instant.parse("2027-01-02T00:00:00Z").toEpochMilli();
		ZoneId zone = ZoneId.systemDefault();
		assertThat(LogTimes.syslog("Dec", "31", "23:59:59", now))
			.isEqualTo(LocalDateTime.parse("2026-12-31T23:59:59").atZone(zone).toInstant().toEpochMilli());
		assertThat(LogTimes.syslog("Jan", " 2", "00:00:00", now))
			.isEqualTo(LocalDateTime.parse("2027-01-02T00:00:00").atZone(zone).toInstant().toEpochMilli());
		assertThat(LogTimes.syslog("Foo", "2", "00:00:00", now)).isEqualTo(LogEntry.NO_TIME);
		assertThat(LogTimes.parse("2026-11-22T10:00:00.123+0100"))
			.isEqualTo(Instant.parse("2026-11-22T09:00:00.123Z").toEpochMilli());
		assertThat(LogTimes.parse("2026-11-22T10:00:00+01"))
			.isEqualTo(Instant.parse("2026-11-22T09:00:00Z").toEpochMilli());
		assertThat(LogTimes.parse("2026-13-22T10:00:00Z")).isEqualTo(LogEntry.NO_TIME);
		assertThat(LogTimes.utc("2026-02-30T10:00:00.000Z")).isEqualTo(LogEntry.NO_TIME);
		assertThat(LogTimes.utc("2026-11-22T10:00:00.Z")).isEqualTo(LogEntry.NO_TIME);
		assertThat(LogTimes.utc("2026-11-22T10:00:00.1234567890Z")).isEqualTo(LogEntry.NO_TIME);
		assertThat(List
			.of("2026-11-22T10:00:00Z", "2026-11-22T10:00:00.1Z", "2026-11-22T10:00:00.12Z",
					"2026-11-22T10:00:00.123456789Z")
			.stream()
			.map(LogTimes::utc)).containsExactly(Instant.parse("2026-11-22T10:00:00Z").toEpochMilli(),
					Instant.parse("2026-11-22T10:00:00.100Z").toEpochMilli(),
					Instant.parse("2026-11-22T10:00:00.120Z").toEpochMilli(),
					Instant.parse("2026-11-22T10:00:00.123Z").toEpochMilli());
		assertThat(LogTimes.access("22/Nov/2026:10:00:00 -0130"))
			.isEqualTo(Instant.parse("2026-11-22T11:30:00Z").toEpochMilli());
		assertThat(LogTimes.access("31/Feb/2026:10:00:00 +0000")).isEqualTo(LogEntry.NO_TIME);
		assertThat(LogTimes.access("22/Nox/2026:10:00:00 +0000")).isEqualTo(LogEntry.NO_TIME);
		for (String time : List.of("0001-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z", "2026-11-22T10:00:00.007Z",
				"9999-12-31T23:59:59.999Z", "+10000-01-01T00:00:00.000Z")) {
			assertThat(LogTimes.format(Instant.parse(time).toEpochMilli())).isEqualTo(time);
		}
		assertThat(LogTimes.epoch(1_700_000_000_123_456L)).isEqualTo(1_700_000_000_123L);
		assertThat(LogTimes.epoch(1_700_000_000_123_456_789L)).isEqualTo(1_700_000_000_123L);
	}

	/**
	 * The tailer's thread must survive any line: Java's regex engine recurses per
	 * repetition of a group, so patterns repeat groups per escape or bracket, never per
	 * character.
	 */
	@Test
	void longLinesFullOfEscapesDoNotOverflowASmallStack() throws InterruptedException {
		String escapes = "\\x22".repeat(16_000);
		List<String> lines = List.of(
				"10.0.0.1 - - [22/Nov/2026:10:00:00 +0000] \"GET /" + escapes + " HTTP/1.1\" 400 0 \"-\" \"" + escapes
						+ "\"",
				"<13>1 2026-11-22T10:00:00Z h a - - [x@1 " + "k=\"\\\"\" ".repeat(10_000) + "] m",
				"2026-11-22T10:00:00.000Z  INFO 1 --- [main] a.B : " + "[x] ".repeat(20_000),
				"2026-11-22T10:00:00.000Z  INFO 1 --- " + "[x] ".repeat(20_000) + "a.B : m", "a.".repeat(50_000),
				"level=info msg=\"" + "\\\"".repeat(30_000) + "\"", "{\"msg\":\"" + "\\\"".repeat(30_000) + "\"}",
				"[" + "[error] ".repeat(20_000), "{\"a\":" + "[".repeat(400) + "]".repeat(400) + "}",
				"{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
		List<String> failures = new ArrayList<>();
		List<LogEntry> entries = new ArrayList<>();
		Thread thread = new Thread(null, () -> {
			for (int i = 0; i < lines.size(); i++) {
				for (LogFormat format : LogFormat.values()) {
					try {
						format.continues(lines.get(i));
						entries.add(format.parse(lines.get(i), false));
					}
					catch (StackOverflowError ex) {
						failures.add("line " + i + " in " + format + ": " + ex);
					}
				}
			}
		}, "small-stack", 256 * 1024);
		thread.start();
		thread.join();
		assertThat(failures).isEmpty();
		assertThat(entries).hasSize(lines.size() * LogFormat.values().length);
		assertThat(entries.get(0).level()).as("the long access line is still read as one").isEqualTo("warn");
	}

	private static void check(Case c, LogEntry entry) {
		JsonNode json = JSON.readTree(entry.json());
		String where = c.file() + "#" + c.index() + ": " + entry.json();
		assertThat(entry.level()).as(where).isEqualTo(c.level());
		assertThat(json.get("level").asString()).as(where).isEqualTo(c.level());
		assertThat(json.get("msg").asString()).as(where).isEqualTo(c.msg());
		if (c.time() == null) {
			assertThat(entry.time()).as(where).isEqualTo(LogEntry.NO_TIME);
			assertThat(json.has("time")).as(where).isFalse();
		}
		else {
			long expected = expectedTime(c.time());
			assertThat(entry.time()).as(where).isEqualTo(expected);
			assertThat(json.get("time").asString()).as(where)
				.isEqualTo(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(expected))
					.replaceFirst("(:\\d\\d)Z$", "$1.000Z"));
		}
		c.fields().forEach((key, value) -> {
			JsonNode field = json.get(key);
			if (value == ABSENT) {
				assertThat(field).as(where + " has no " + key).isNull();
			}
			else if (value instanceof Integer number) {
				assertThat(field.isNumber()).as(where + " " + key).isTrue();
				assertThat(field.asLong()).as(where + " " + key).isEqualTo(number.longValue());
			}
			else if (value instanceof Boolean bool) {
				assertThat(field.isBoolean()).as(where + " " + key).isTrue();
				assertThat(field.asBoolean()).as(where + " " + key).isEqualTo(bool);
			}
			else {
				assertThat(field).as(where + " " + key).isNotNull();
				assertThat(field.isString()).as(where + " " + key).isTrue();
				assertThat(field.asString()).as(where + " " + key).isEqualTo(value);
				assertThat(entry.strings()).as(where + " searchable " + key)
					.contains(((String) value).toLowerCase(java.util.Locale.ROOT));
			}
		});
	}

	/**
	 * An instant, {@code local:<date-time>} in the JVM's zone, or
	 * {@code year:<MM-dd'T'HH:mm:ss>} in the current year (the year before when that is
	 * ahead).
	 */
	private static long expectedTime(String time) {
		ZoneId zone = ZoneId.systemDefault();
		if (time.startsWith("local:")) {
			return LocalDateTime.parse(time.substring(6)).atZone(zone).toInstant().toEpochMilli();
		}
		if (time.startsWith("year:")) {
			int year = LocalDateTime.now(zone).getYear();
			long millis = LocalDateTime.parse(year + "-" + time.substring(5)).atZone(zone).toInstant().toEpochMilli();
			return (millis > System.currentTimeMillis() + 86_400_000L)
					? LocalDateTime.parse((year - 1) + "-" + time.substring(5)).atZone(zone).toInstant().toEpochMilli()
					: millis;
		}
		return Instant.parse(time).toEpochMilli();
	}

	/**
	 * The file's entries as a tailer joins them: continuation lines onto the entry
	 * before.
	 */
	private static List<LogEntry> entries(String file, LogFormat format) throws IOException {
		List<LogEntry> entries = new ArrayList<>();
		StringBuilder entry = null;
		for (String line : read(file)) {
			if (entry != null && format.continues(line)) {
				entry.append('\n').append(line);
				continue;
			}
			if (entry != null) {
				entries.add(format.parse(entry.toString(), false));
			}
			entry = new StringBuilder(line);
		}
		if (entry != null) {
			entries.add(format.parse(entry.toString(), false));
		}
		return entries;
	}

	private static List<String> read(String file) throws IOException {
		try (InputStream in = LogFormatTests.class.getResourceAsStream("/logs/formats/" + file)) {
			assertThat(in).as(file).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
		}
	}

	private static Case c(String file, int index, String level, String msg, @Nullable String time, Object... fields) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < fields.length; i += 2) {
			map.put((String) fields[i], fields[i + 1]);
		}
		return new Case(file, index, level, msg, time, map);
	}

	record Case(String file, int index, String level, String msg, @Nullable String time, Map<String, Object> fields) {

		@Override
		public String toString() {
			return this.file + "#" + this.index;
		}

	}

}
