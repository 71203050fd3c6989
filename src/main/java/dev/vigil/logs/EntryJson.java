package dev.vigil.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Writes an entry's JSON object member by member ({@code time}, {@code level},
 * {@code msg} first, then the fields) and collects the lower-cased string values that
 * {@code search} looks through, in one go.
 */
final class EntryJson {

	private final StringBuilder json;

	private final List<String> strings = new ArrayList<>(8);

	EntryJson(int capacity) {
		this.json = new StringBuilder(capacity).append('{');
	}

	/**
	 * {@code time} (when known), {@code level} and {@code msg}: the members every entry
	 * starts with.
	 */
	static EntryJson start(long time, String level, String msg, int capacity) {
		EntryJson entry = new EntryJson(capacity);
		if (time != LogEntry.NO_TIME) {
			entry.string("time", LogTimes.format(time));
		}
		return entry.string("level", level).string("msg", msg);
	}

	EntryJson string(String key, String value) {
		key(key);
		quote(this.json, value);
		this.strings.add(value.toLowerCase(Locale.ROOT));
		return this;
	}

	EntryJson number(String key, long value) {
		key(key);
		this.json.append(value);
		return this;
	}

	EntryJson bool(String key, boolean value) {
		key(key);
		this.json.append(value);
		return this;
	}

	/** A value already written as JSON (a nested object, a number as it was written). */
	EntryJson raw(String key, String value) {
		key(key);
		this.json.append(value);
		return this;
	}

	/** Adds a string value to those searched without writing it. */
	void searchable(String value) {
		this.strings.add(value.toLowerCase(Locale.ROOT));
	}

	private void key(String key) {
		if (this.json.length() > 1) {
			this.json.append(',');
		}
		quote(this.json, key);
		this.json.append(':');
	}

	/**
	 * The entry: {@code stack} (a multi-line entry's continuation lines), {@code lines}
	 * (when more than one) and {@code truncated} (when cut) last.
	 */
	LogEntry finish(String level, long time, String text, @Nullable String stack, int lines, boolean truncated) {
		if (stack != null) {
			string("stack", stack);
		}
		if (lines > 1) {
			number("lines", lines);
		}
		if (truncated) {
			bool("truncated", true);
		}
		this.json.append('}');
		return new LogEntry(this.json.toString(), level, List.copyOf(this.strings), time, text);
	}

	static void quote(StringBuilder json, String s) {
		json.append('"');
		int start = 0;
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c >= 0x20 && c != '"' && c != '\\') {
				continue;
			}
			json.append(s, start, i);
			start = i + 1;
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> json.append(String.format("\\u%04x", (int) c));
			}
		}
		json.append(s, start, s.length()).append('"');
	}

	/**
	 * An entry's text split into its first line and the rest.
	 *
	 * @param first the first line
	 * @param rest the continuation lines joined with {@code \n}, or {@code null}
	 * @param count the number of lines
	 */
	record Lines(String first, @Nullable String rest, int count) {

		static Lines of(String text) {
			int newline = text.indexOf('\n');
			if (newline < 0) {
				return new Lines(text, null, 1);
			}
			int count = 1;
			for (int i = newline; i >= 0; i = text.indexOf('\n', i + 1)) {
				count++;
			}
			return new Lines(text.substring(0, newline), text.substring(newline + 1), count);
		}

	}

}
