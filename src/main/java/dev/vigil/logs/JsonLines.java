package dev.vigil.logs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON lines: Vigil's own ({@code {"time","level","msg",…}}, passed through as written)
 * and the common shapes of others (Logback/Boot structured ECS, Logstash and GELF,
 * Bunyan/pino, zap, Go slog, Serilog CLEF), whose level, message and time are found under
 * their usual names and written as {@code time}, {@code level}, {@code msg} first, the
 * other top-level fields kept after them.
 */
final class JsonLines {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error", "fatal");

	private static final String[] LEVEL_KEYS = { "level", "lvl", "severity", "log.level", "@l", "loglevel",
			"levelname" };

	private static final String[] MSG_KEYS = { "msg", "message", "@m", "short_message", "log", "@mt" };

	private static final String[] TIME_KEYS = { "time", "timestamp", "@timestamp", "ts", "@t" };

	/** A level near the start of a line too long to parse. */
	private static final Pattern TRUNCATED_LEVEL = Pattern
		.compile("\"(?:level|lvl|severity|log\\.level|@l)\"\\s*:\\s*(?:\"([A-Za-z]{1,13})\"|(\\d{1,2})\\D)");

	private JsonLines() {
	}

	/**
	 * The entry for a line starting with {@code {}, or {@code null} when it is not a JSON
	 * object.
	 */
	static @Nullable LogEntry parse(EntryJson.Lines lines, String text) {
		if (lines.rest() == null) {
			LogEntry own = own(lines.first());
			if (own != null) {
				return own;
			}
		}
		JsonNode node;
		try {
			node = JSON.readTree(lines.first());
		}
		catch (JacksonException ex) {
			return null;
		}
		return node.isObject() ? normalised(node, lines, text) : null;
	}

	/**
	 * Vigil's own line as it is, when it is one: {@code time} (ISO-8601 UTC: millis in
	 * our lines, any fraction passes), {@code level} (one of ours) and {@code msg}
	 * strings first. Read with the streaming parser (no tree) and never written again:
	 * the own log's hot path.
	 */
	private static @Nullable LogEntry own(String line) {
		try (JsonParser parser = JSON.createParser(line)) {
			if (parser.nextToken() != JsonToken.START_OBJECT || !"time".equals(parser.nextName())
					|| parser.nextToken() != JsonToken.VALUE_STRING) {
				return null;
			}
			String timeText = parser.getString();
			long time = LogTimes.utc(timeText);
			if (time == LogEntry.NO_TIME || !"level".equals(parser.nextName())
					|| parser.nextToken() != JsonToken.VALUE_STRING) {
				return null;
			}
			String level = parser.getString();
			if (!LEVELS.contains(level) || !"msg".equals(parser.nextName())
					|| parser.nextToken() != JsonToken.VALUE_STRING) {
				return null;
			}
			List<String> strings = new ArrayList<>(8);
			strings.add(timeText.toLowerCase(Locale.ROOT));
			strings.add(level);
			strings.add(parser.getString().toLowerCase(Locale.ROOT));
			for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
				if (token != JsonToken.PROPERTY_NAME) {
					return null;
				}
				JsonToken value = parser.nextToken();
				if (value == JsonToken.VALUE_STRING) {
					strings.add(parser.getString().toLowerCase(Locale.ROOT));
				}
				else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
					parser.skipChildren();
				}
			}
			if (parser.nextToken() != null) {
				return null;
			}
			return new LogEntry(line, level, List.copyOf(strings), time, line);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static LogEntry normalised(JsonNode node, EntryJson.Lines lines, String text) {
		Set<String> used = new HashSet<>(4);
		String level = null;
		for (String key : LEVEL_KEYS) {
			JsonNode value = node.get(key);
			String found = (value == null) ? LevelWords.UNKNOWN : value.isString() ? LevelWords.of(value.asString())
					: value.isNumber() ? LevelWords.of(value.asDouble()) : LevelWords.UNKNOWN;
			if (!found.equals(LevelWords.UNKNOWN)) {
				level = found;
				used.add(key);
				break;
			}
		}
		if (level == null) {
			JsonNode log = node.get("log");
			JsonNode nested = (log != null && log.isObject()) ? log.get("level") : null;
			if (nested != null && nested.isString()) {
				// ECS nested ({"log":{"level":"INFO"}}): read, and the object kept as it
				// is
				level = LevelWords.of(nested.asString());
			}
			else if (node.has("@t") || node.has("@m") || node.has("@mt")) {
				// Serilog's compact format leaves out @l for Information
				level = "info";
			}
			else {
				level = LevelWords.UNKNOWN;
			}
		}
		String msg = null;
		for (String key : MSG_KEYS) {
			JsonNode value = node.get(key);
			if (value != null && value.isString()) {
				msg = value.asString();
				used.add(key);
				break;
			}
		}
		long time = LogEntry.NO_TIME;
		for (String key : TIME_KEYS) {
			JsonNode value = node.get(key);
			if (value != null) {
				time = value.isString() ? LogTimes.parse(value.asString())
						: value.isNumber() ? LogTimes.epoch(value.asDouble()) : LogEntry.NO_TIME;
				if (time != LogEntry.NO_TIME) {
					used.add(key);
					break;
				}
			}
		}
		String stack = lines.rest();
		JsonNode ownStack = node.get("stack");
		if (stack != null && ownStack != null && ownStack.isString()) {
			stack = ownStack.asString() + "\n" + stack;
			used.add("stack");
		}
		String first = lines.first();
		EntryJson entry = EntryJson.start(time, level, (msg != null) ? msg : first, first.length() + 64);
		for (Map.Entry<String, JsonNode> property : node.properties()) {
			String key = property.getKey();
			if (used.contains(key)) {
				continue;
			}
			JsonNode value = property.getValue();
			if (reserved(key, stack != null, lines.count())) {
				key = key + "_raw";
			}
			if (value.isString()) {
				entry.string(key, value.asString());
			}
			else {
				entry.raw(key, JSON.writeValueAsString(value));
			}
		}
		return entry.finish(level, time, text, stack, lines.count(), false);
	}

	/**
	 * Names the entry writes itself: a field of the line with one keeps its value as
	 * {@code <name>_raw}.
	 */
	static boolean reserved(String key, boolean stack, int lines) {
		return switch (key) {
			case "time", "level", "msg", "truncated" -> true;
			case "stack" -> stack;
			case "lines" -> lines > 1;
			default -> false;
		};
	}

	/**
	 * A line cut at the size limit: the level from a level field near its start, the time
	 * when it starts like ours, the line itself as {@code msg}.
	 */
	static LogEntry truncated(EntryJson.Lines lines, String text) {
		String first = lines.first();
		String level = LevelWords.UNKNOWN;
		Matcher matcher = TRUNCATED_LEVEL.matcher(first.substring(0, Math.min(first.length(), 4096)));
		if (matcher.find()) {
			level = (matcher.group(1) != null) ? LevelWords.of(matcher.group(1))
					: LevelWords.of(Integer.parseInt(matcher.group(2)));
		}
		long time = LogEntry.NO_TIME;
		int close = first.indexOf('"', 9);
		if (first.startsWith("{\"time\":\"") && close > 9 && close < 40) {
			time = LogTimes.utc(first.substring(9, close));
		}
		return EntryJson.start(time, level, first, first.length() + 64)
			.finish(level, time, text, lines.rest(), lines.count(), true);
	}

}
