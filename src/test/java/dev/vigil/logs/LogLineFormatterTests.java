package dev.vigil.logs;

import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class LogLineFormatterTests {

	private final LogLineFormatter formatter = new LogLineFormatter();

	private final LoggerContext context = new LoggerContext();

	@Test
	void writesTheReferenceShapeOnOneLine() {
		LoggingEvent event = event(Level.WARN, "disk \"almost\" full\nsecond line", null, Map.of("request_id", "r-1"));
		event.setKeyValuePairs(List.of(new KeyValuePair("free_mb", 12), new KeyValuePair("mount", "/data"),
				new KeyValuePair("ok", false)));

		String line = this.formatter.format(event);

		assertThat(line).endsWith("}\n");
		assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
		JsonNode json = JsonMapper.builder().build().readTree(line);
		assertThat(json.get("time").asString()).isEqualTo("2026-11-22T10:00:00.123Z");
		assertThat(json.get("level").asString()).isEqualTo("warn");
		assertThat(json.get("msg").asString()).isEqualTo("disk \"almost\" full\nsecond line");
		assertThat(json.get("logger").asString()).isEqualTo("test.logger");
		assertThat(json.get("thread").asString()).isEqualTo("worker-1");
		assertThat(json.get("request_id").asString()).isEqualTo("r-1");
		assertThat(json.get("free_mb").isNumber()).isTrue();
		assertThat(json.get("mount").asString()).isEqualTo("/data");
		assertThat(json.get("ok").isBoolean()).isTrue();
		assertThat(line).startsWith("{\"time\":");
	}

	@Test
	void exceptionsBecomeErrorAndStack() {
		String line = this.formatter.format(event(Level.ERROR, "boom", new IllegalStateException("bad state")));
		JsonNode json = JsonMapper.builder().build().readTree(line);
		assertThat(json.get("level").asString()).isEqualTo("error");
		assertThat(json.get("error").asString()).isEqualTo("java.lang.IllegalStateException: bad state");
		assertThat(json.get("stack").asString()).contains("LogLineFormatterTests");
	}

	@Test
	void levelsAreLowercaseAndTraceCountsAsDebug() {
		assertThat(LogLineFormatter.level(Level.TRACE)).isEqualTo("debug");
		assertThat(LogLineFormatter.level(Level.DEBUG)).isEqualTo("debug");
		assertThat(LogLineFormatter.level(Level.INFO)).isEqualTo("info");
	}

	@Test
	void controlCharactersAreEscapedAndDuplicateKeysDropped() {
		LoggingEvent event = event(Level.INFO, "bell\u0007tab\t", null);
		event.setKeyValuePairs(List.of(new KeyValuePair("msg", "shadow"), new KeyValuePair("nan", Double.NaN)));
		String line = this.formatter.format(event);
		JsonNode json = JsonMapper.builder().build().readTree(line);
		assertThat(json.get("msg").asString()).isEqualTo("bell\u0007tab\t");
		assertThat(json.get("nan").asString()).isEqualTo("NaN");
		assertThat(line).contains("\\u0007");
	}

	private LoggingEvent event(Level level, String message, Throwable thrown) {
		return event(level, message, thrown, Map.of());
	}

	private LoggingEvent event(Level level, String message, Throwable thrown, Map<String, String> mdc) {
		LoggingEvent event = new LoggingEvent("fqcn", this.context.getLogger("test.logger"), level, message, thrown,
				null);
		event.setThreadName("worker-1");
		event.setMDCPropertyMap(mdc);
		event.setTimeStamp(java.time.Instant.parse("2026-11-22T10:00:00.123Z").toEpochMilli());
		return event;
	}

}
