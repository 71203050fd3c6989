package dev.vigil.logs;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One log line, parsed once and shared by every reader and subscriber.
 *
 * @param json the entry as a JSON object: the line itself when it is a JSON object,
 * otherwise {@code {"level":"unknown","msg":<line>}}; truncated lines also carry
 * {@code "truncated":true}
 * @param level the {@code level} field, lower case ({@code unknown} when absent)
 * @param strings top-level string values in lower case, which {@code search} looks
 * through (lowered once here rather than once per subscriber)
 * @param time when the entry was written, epoch milliseconds, or {@link #NO_TIME} when
 * the line does not say
 * @param text the entry as written (its lines joined with {@code \n}), which
 * {@code regex} and {@code exclude} look through
 */
record LogEntry(String json, String level, List<String> strings, long time, String text) {

	static final long NO_TIME = Long.MIN_VALUE;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A level field near the start of a line too long to parse. */
	private static final Pattern LEVEL = Pattern.compile("\"level\"\\s*:\\s*\"([A-Za-z]{1,10})\"");

	/**
	 * @param line the line without its line terminator
	 * @param truncated whether the line was cut at the size limit
	 */
	static LogEntry parse(String line, boolean truncated) {
		if (!truncated && line.startsWith("{")) {
			try {
				JsonNode node = JSON.readTree(line);
				if (node.isObject()) {
					List<String> strings = new ArrayList<>();
					for (Map.Entry<String, JsonNode> property : node.properties()) {
						if (property.getValue().isString()) {
							strings.add(property.getValue().asString().toLowerCase(Locale.ROOT));
						}
					}
					JsonNode level = node.get("level");
					String value = (level != null && level.isString()) ? level.asString().toLowerCase(Locale.ROOT)
							: "unknown";
					return new LogEntry(line, value, strings, time(node.get("time")), line);
				}
			}
			catch (JacksonException ex) {
				// not JSON: delivered as an unknown line below
			}
		}
		String level = "unknown";
		if (truncated) {
			Matcher matcher = LEVEL.matcher(line.substring(0, Math.min(line.length(), 4096)));
			if (matcher.find()) {
				level = matcher.group(1).toLowerCase(Locale.ROOT);
			}
		}
		StringBuilder json = new StringBuilder(line.length() + 48);
		json.append("{\"level\":").append(quote(level)).append(",\"msg\":").append(quote(line));
		if (truncated) {
			json.append(",\"truncated\":true");
		}
		json.append('}');
		return new LogEntry(json.toString(), level, List.of(level, line.toLowerCase(Locale.ROOT)), NO_TIME, line);
	}

	private static long time(JsonNode time) {
		if (time == null || !time.isString()) {
			return NO_TIME;
		}
		try {
			return Instant.parse(time.asString()).toEpochMilli();
		}
		catch (DateTimeParseException ex) {
			return NO_TIME;
		}
	}

	private static String quote(String s) {
		return JSON.writeValueAsString(s);
	}

}
