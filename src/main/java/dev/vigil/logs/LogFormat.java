package dev.vigil.logs;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a source's lines are read into {@link LogEntry entries}. {@link #AUTO} decides per
 * line, so a file that mixes formats (a JSON log with a plain stack trace printed beside
 * it) still reads well.
 */
enum LogFormat {

	/**
	 * Per line: JSON when it is a JSON object, else logfmt when it starts with
	 * {@code key=} and has two pairs naming a level, message or time, else plain text.
	 */
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

	/** A stack trace's {@code ... 12 more}. */
	private static final Pattern MORE = Pattern.compile("^\\.\\.\\. \\d+ (?:more|common frames omitted)$");

	/**
	 * Parses one entry: {@code text} is its first line, followed by its continuation
	 * lines (joined with {@code \n}) when the entry spans several.
	 * @param truncated whether the text was cut at the size limit
	 */
	LogEntry parse(String text, boolean truncated) {
		EntryJson.Lines lines = EntryJson.Lines.of(text);
		String first = lines.first();
		if (this == PLAIN) {
			return PlainText.parse(lines, text, truncated);
		}
		if (this == LOGFMT) {
			LogEntry entry = Logfmt.parse(lines, text, truncated, false);
			return (entry != null) ? entry : PlainText.parse(lines, text, truncated);
		}
		if (first.startsWith("{")) {
			if (truncated) {
				return JsonLines.truncated(lines, text);
			}
			LogEntry entry = JsonLines.parse(lines, text);
			if (entry != null) {
				return entry;
			}
		}
		if (this == AUTO && Logfmt.startsLikeIt(first)) {
			LogEntry entry = Logfmt.parse(lines, text, truncated, true);
			if (entry != null) {
				return entry;
			}
		}
		return PlainText.parse(lines, text, truncated);
	}

	/**
	 * Whether {@code line} continues the entry before it (a stack trace's {@code at …}
	 * after its message) rather than starting a new one: for AUTO and PLAIN a line
	 * starting with a space or tab, {@code at }, {@code Caused by:}, {@code Suppressed:},
	 * {@code ... N more}, a Java exception's first line
	 * ({@code java.lang.IllegalStateException: boom}) or Python's
	 * {@code Traceback (most recent call last):}; for LOGFMT an indented line; for JSON
	 * none. No line starting with <code>{</code> continues.
	 */
	boolean continues(String line) {
		if (this == JSON || line.isEmpty()) {
			return false;
		}
		char c = line.charAt(0);
		if (c == ' ' || c == '\t') {
			return true;
		}
		if (this == LOGFMT) {
			return false;
		}
		// AUTO: a line starting with '{' is never a continuation, and none of these does
		if (c >= 'a' && c <= 'z') {
			// the exception line Logback and printStackTrace write unindented after the
			// message
			return line.startsWith("at ") || isExceptionLine(line);
		}
		return line.startsWith("Caused by:") || line.startsWith("Suppressed:") || line.startsWith("Traceback (")
				|| (c == '.' && MORE.matcher(line).matches());
	}

	/**
	 * A Java exception's first line: {@code java.lang.IllegalStateException: boom}, a
	 * qualified class name ending in {@code Exception}, {@code Error} or
	 * {@code Throwable}, then a colon or the end. By hand: a pattern would recurse per
	 * package name on a long line of dots.
	 */
	private static boolean isExceptionLine(String line) {
		int colon = line.indexOf(':');
		int end = (colon < 0) ? line.length() : colon;
		int dot = line.lastIndexOf('.', end - 1);
		if (end > 512 || dot <= 0 || dot == end - 1 || !Character.isUpperCase(line.charAt(dot + 1))) {
			return false;
		}
		String name = line.substring(dot + 1, end);
		if (!name.endsWith("Exception") && !name.endsWith("Error") && !name.endsWith("Throwable")) {
			return false;
		}
		for (int i = 0; i < end; i++) {
			char c = line.charAt(i);
			boolean valid = (c == '.') ? i > 0 && line.charAt(i - 1) != '.' : Character.isJavaIdentifierPart(c);
			if (!valid) {
				return false;
			}
		}
		return true;
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
