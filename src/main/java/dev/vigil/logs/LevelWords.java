package dev.vigil.logs;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The many ways programs name a level, mapped to the viewer's six
 * ({@code trace|debug|info|warn|error|fatal}); anything else is {@code unknown}.
 */
final class LevelWords {

	static final String UNKNOWN = "unknown";

	/** Lower-case names (from level fields and bracketed words) to levels. */
	private static final Map<String, String> NAMES = new HashMap<>();

	/**
	 * Upper-case words found free-standing in plain text: fewer than {@link #NAMES}, so
	 * that ordinary capitalised words (an {@code ALERT} heading) do not count.
	 */
	private static final Map<String, String> SHOUTED = new HashMap<>();

	static {
		names("trace", "trace", "trc", "verbose", "finest", "finer", "t", "v");
		names("debug", "debug", "dbg", "fine", "config", "d");
		names("info", "info", "inf", "information", "informational", "notice", "i");
		names("warn", "warn", "warning", "wrn", "w");
		// zap's dpanic only panics in development; in production it is logged as an
		// error.
		names("error", "error", "err", "eror", "severe", "dpanic", "e");
		names("fatal", "fatal", "ftl", "critical", "crit", "panic", "emerg", "emergency", "alert", "f");
		for (String word : new String[] { "TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "WARNING", "ERROR", "ERR",
				"SEVERE", "FATAL", "CRITICAL", "CRIT", "PANIC", "EMERG" }) {
			SHOUTED.put(word, NAMES.get(word.toLowerCase(Locale.ROOT)));
		}
	}

	private LevelWords() {
	}

	private static void names(String level, String... names) {
		for (String name : names) {
			NAMES.put(name, level);
		}
	}

	/** A level field's string value (any case), or {@code unknown}. */
	static String of(String name) {
		String level = NAMES.get(name);
		if (level == null) {
			level = NAMES.get(name.trim().toLowerCase(Locale.ROOT));
		}
		return (level != null) ? level : UNKNOWN;
	}

	/**
	 * A numeric level: syslog severities 0..7 (GELF), pino/bunyan 10..60 (in between
	 * rounds up: pino allows custom levels).
	 */
	static String of(double number) {
		if (number < 0 || Double.isNaN(number)) {
			return UNKNOWN;
		}
		if (number < 8) {
			return syslog((int) number);
		}
		if (number <= 10) {
			return "trace";
		}
		if (number <= 20) {
			return "debug";
		}
		if (number <= 30) {
			return "info";
		}
		if (number <= 40) {
			return "warn";
		}
		return (number <= 50) ? "error" : "fatal";
	}

	/** A syslog severity (the PRI value modulo 8). */
	static String syslog(int severity) {
		return switch (severity) {
			case 0, 1, 2 -> "fatal";
			case 3 -> "error";
			case 4 -> "warn";
			case 5, 6 -> "info";
			default -> "debug";
		};
	}

	/**
	 * The first level word in the first 100 characters of plain text, or {@code null}: an
	 * upper-case word ({@code ERROR}, {@code WARNING:}) standing alone, any case in
	 * brackets ({@code [error]}, {@code [ WARN ]}, {@code [E]}), an Android {@code E/} at
	 * the start, or a glog/klog prefix ({@code E1122 10:00:00.000000}). Lower-case words
	 * in running text ({@code 0 errors}) are not levels.
	 */
	static @Nullable String find(String text) {
		int end = Math.min(text.length(), 100);
		if (end >= 2 && text.charAt(1) == '/' && isLetter(text.charAt(0))) {
			String level = NAMES.get(String.valueOf(Character.toLowerCase(text.charAt(0))));
			if (level != null && "VDIWEF".indexOf(text.charAt(0)) >= 0) {
				return level;
			}
		}
		if (end >= 6 && "IWEF".indexOf(text.charAt(0)) >= 0 && isDigit(text.charAt(1)) && isDigit(text.charAt(2))
				&& isDigit(text.charAt(3)) && isDigit(text.charAt(4)) && text.charAt(5) == ' ') {
			return NAMES.get(String.valueOf(Character.toLowerCase(text.charAt(0))));
		}
		for (int i = 0; i < end; i++) {
			char c = text.charAt(i);
			if (i > 0 && isWordChar(text.charAt(i - 1))) {
				continue;
			}
			if (c == '[') {
				int close = text.indexOf(']', i + 1);
				if (close > i + 1 && close - i <= 16) {
					String level = NAMES.get(text.substring(i + 1, close).trim().toLowerCase(Locale.ROOT));
					if (level != null) {
						return level;
					}
				}
			}
			else if (c >= 'A' && c <= 'Z') {
				int j = i + 1;
				while (j < text.length() && j - i <= 8 && text.charAt(j) >= 'A' && text.charAt(j) <= 'Z') {
					j++;
				}
				if (j - i >= 3 && (j == text.length() || !isWordChar(text.charAt(j)))) {
					String level = SHOUTED.get(text.substring(i, j));
					if (level != null) {
						return level;
					}
				}
				i = j - 1;
			}
		}
		return null;
	}

	private static boolean isLetter(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isWordChar(char c) {
		return isLetter(c) || isDigit(c) || c == '_';
	}

}
