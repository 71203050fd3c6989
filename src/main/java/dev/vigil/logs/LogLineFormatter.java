package dev.vigil.logs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.KeyValuePair;

import org.springframework.boot.logging.structured.StructuredLogFormatter;

/**
 * Vigil's log line: one JSON object per line, the reference's shape —
 * {@code {"time","level","msg","logger","thread","request_id",…key-values,"error","stack"}}.
 * Selected with {@code logging.structured.format.file}; the log viewer parses exactly
 * this.
 */
public class LogLineFormatter implements StructuredLogFormatter<ILoggingEvent> {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	@Override
	public String format(ILoggingEvent event) {
		StringBuilder json = new StringBuilder(256);
		Set<String> written = new HashSet<>();
		json.append('{');
		member(json, written, "time", TIME.format(Instant.ofEpochMilli(event.getTimeStamp())));
		member(json, written, "level", level(event.getLevel()));
		member(json, written, "msg", event.getFormattedMessage());
		member(json, written, "logger", event.getLoggerName());
		member(json, written, "thread", event.getThreadName());
		Map<String, String> mdc = event.getMDCPropertyMap();
		if (mdc != null) {
			mdc.forEach((key, value) -> member(json, written, key, value));
		}
		if (event.getKeyValuePairs() != null) {
			for (KeyValuePair pair : event.getKeyValuePairs()) {
				member(json, written, pair.key, pair.value);
			}
		}
		IThrowableProxy thrown = event.getThrowableProxy();
		if (thrown != null) {
			String message = thrown.getMessage();
			member(json, written, "error",
					(message != null) ? thrown.getClassName() + ": " + message : thrown.getClassName());
			member(json, written, "stack", ThrowableProxyUtil.asString(thrown));
		}
		json.append("}\n");
		return json.toString();
	}

	static String level(Level level) {
		return switch (level.toInt()) {
			case Level.ERROR_INT -> "error";
			case Level.WARN_INT -> "warn";
			case Level.INFO_INT -> "info";
			default -> "debug";
		};
	}

	private static void member(StringBuilder json, Set<String> written, @Nullable String key, @Nullable Object value) {
		if (key == null || !written.add(key)) {
			return;
		}
		if (json.length() > 1) {
			json.append(',');
		}
		string(json, key);
		json.append(':');
		if (value == null) {
			json.append("null");
		}
		else if ((value instanceof Number n && Double.isFinite(n.doubleValue())) || value instanceof Boolean) {
			json.append(value);
		}
		else {
			string(json, value.toString());
		}
	}

	private static void string(StringBuilder json, String s) {
		json.append('"');
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

}
