package dev.vigil.logs;

import java.util.Locale;
import java.util.Optional;

/**
 * How a source's lines are read into {@link LogEntry entries}. {@link #AUTO} decides per
 * line, so a file that mixes formats (a JSON log with a plain stack trace printed beside
 * it) still reads well.
 */
enum LogFormat {

	/** Per line: JSON when it is a JSON object, else logfmt, else plain text. */
	AUTO,

	/**
	 * JSON lines with the common field names (Logback/Boot, Bunyan/pino, zap, Go slog).
	 */
	JSON,

	/** {@code key=value} pairs (Go, Heroku). */
	LOGFMT,

	/**
	 * Plain text: Spring Boot's console pattern, nginx/Apache access logs, syslog-style
	 * lines; the level is detected from the line.
	 */
	PLAIN;

	/**
	 * Parses one entry: {@code text} is its first line, followed by its continuation
	 * lines (joined with {@code \n}) when the entry spans several.
	 * @param truncated whether the text was cut at the size limit
	 */
	LogEntry parse(String text, boolean truncated) {
		return LogEntry.parse(text, truncated);
	}

	/**
	 * Whether {@code line} continues the entry before it (a stack trace's {@code at …}
	 * after its message) rather than starting a new one.
	 */
	boolean continues(String line) {
		return false;
	}

	/** The name used in configuration: lower case. */
	String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Optional<LogFormat> from(String id) {
		for (LogFormat format : values()) {
			if (format.id().equalsIgnoreCase(id.trim())) {
				return Optional.of(format);
			}
		}
		return Optional.empty();
	}

}
