package dev.vigil.logs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * logfmt lines ({@code time=… level=info msg="hello world" user=ann}): Go's go-kit and
 * logrus text output, Heroku. Values may be quoted with Go escapes; a key without a value
 * is {@code true}.
 */
final class Logfmt {

	private static final Set<String> LEVEL_KEYS = Set.of("level", "lvl", "severity", "loglevel", "at");

	private static final Set<String> MSG_KEYS = Set.of("msg", "message");

	private static final Set<String> TIME_KEYS = Set.of("time", "ts", "t", "timestamp");

	private Logfmt() {
	}

	/**
	 * Whether the line starts the way logfmt does, {@code key=}: the cheap test before
	 * {@link #parse} in AUTO.
	 */
	static boolean startsLikeIt(String line) {
		for (int i = 0; i < line.length() && i < 64; i++) {
			char c = line.charAt(i);
			if (c == '=') {
				return i > 0;
			}
			if (!keyChar(c)) {
				return false;
			}
		}
		return false;
	}

	/**
	 * The entry, or {@code null} when the line is not logfmt: when {@code strict} (AUTO),
	 * unless every token is a key or a pair, at least two are pairs and one names a
	 * level, message or time; otherwise unless it has a pair at all.
	 */
	static @Nullable LogEntry parse(EntryJson.Lines lines, String text, boolean truncated, boolean strict) {
		String line = lines.first();
		List<String[]> pairs = pairs(line, strict && !truncated);
		if (pairs == null) {
			return null;
		}
		int withValue = 0;
		boolean known = false;
		for (String[] pair : pairs) {
			if (pair[1] != null) {
				withValue++;
				known |= LEVEL_KEYS.contains(pair[0]) || MSG_KEYS.contains(pair[0]) || TIME_KEYS.contains(pair[0]);
			}
		}
		if (withValue == 0 || (strict && (withValue < 2 || !known))) {
			return null;
		}
		String level = LevelWords.UNKNOWN;
		String msg = null;
		long time = LogEntry.NO_TIME;
		Set<String> used = new HashSet<>(4);
		for (String[] pair : pairs) {
			String key = pair[0];
			String value = pair[1];
			if (value == null || used.contains(key)) {
				continue;
			}
			if (level.equals(LevelWords.UNKNOWN) && LEVEL_KEYS.contains(key)) {
				level = LevelWords.of(value);
				if (!level.equals(LevelWords.UNKNOWN)) {
					used.add(key);
				}
			}
			else if (msg == null && MSG_KEYS.contains(key)) {
				msg = value;
				used.add(key);
			}
			else if (time == LogEntry.NO_TIME && TIME_KEYS.contains(key)) {
				time = LogTimes.parse(value);
				if (time != LogEntry.NO_TIME) {
					used.add(key);
				}
			}
		}
		String stack = lines.rest();
		EntryJson entry = EntryJson.start(time, level, (msg != null) ? msg : line, line.length() + 64);
		Set<String> written = new HashSet<>();
		for (String[] pair : pairs) {
			String key = pair[0];
			if (used.remove(key)) {
				continue;
			}
			if (JsonLines.reserved(key, stack != null, lines.count())) {
				key = key + "_raw";
			}
			// JSON objects have one value per key: a repeated key keeps its first
			if (!written.add(key)) {
				continue;
			}
			if (pair[1] == null) {
				entry.bool(key, true);
			}
			else {
				entry.string(key, pair[1]);
			}
		}
		return entry.finish(level, time, text, stack, lines.count(), truncated);
	}

	/**
	 * The line's keys and values ({@code null} for a bare key), or {@code null} when
	 * {@code strict} and a token is malformed (a quote where a key belongs, an
	 * unterminated quote) or the first token is not a pair; otherwise malformed tokens
	 * are skipped.
	 */
	private static @Nullable List<String[]> pairs(String line, boolean strict) {
		List<String[]> pairs = new ArrayList<>();
		int n = line.length();
		int i = 0;
		while (i < n) {
			while (i < n && line.charAt(i) <= ' ') {
				i++;
			}
			if (i == n) {
				break;
			}
			int start = i;
			while (i < n && keyChar(line.charAt(i))) {
				i++;
			}
			if (i == start) {
				if (strict) {
					return null;
				}
				while (i < n && line.charAt(i) > ' ') {
					i++;
				}
				continue;
			}
			String key = line.substring(start, i);
			if (i == n || line.charAt(i) != '=') {
				if (strict && pairs.isEmpty()) {
					return null;
				}
				pairs.add(new String[] { key, null });
				continue;
			}
			i++;
			if (i < n && line.charAt(i) == '"') {
				StringBuilder value = new StringBuilder();
				i++;
				boolean closed = false;
				while (i < n) {
					char c = line.charAt(i++);
					if (c == '"') {
						closed = true;
						break;
					}
					if (c == '\\' && i < n) {
						char e = line.charAt(i++);
						switch (e) {
							case 'n' -> value.append('\n');
							case 't' -> value.append('\t');
							case 'r' -> value.append('\r');
							case 'u' -> {
								if (i + 4 <= n && hex(line, i)) {
									value.append((char) Integer.parseInt(line.substring(i, i + 4), 16));
									i += 4;
								}
								else {
									value.append("\\u");
								}
							}
							default -> value.append(e);
						}
					}
					else {
						value.append(c);
					}
				}
				if (!closed && strict) {
					return null;
				}
				pairs.add(new String[] { key, value.toString() });
			}
			else {
				int from = i;
				while (i < n && line.charAt(i) > ' ') {
					i++;
				}
				pairs.add(new String[] { key, line.substring(from, i) });
			}
		}
		return pairs;
	}

	private static boolean hex(String s, int from) {
		for (int i = from; i < from + 4; i++) {
			if (Character.digit(s.charAt(i), 16) < 0) {
				return false;
			}
		}
		return true;
	}

	private static boolean keyChar(char c) {
		return c > ' ' && c != '=' && c != '"';
	}

}
