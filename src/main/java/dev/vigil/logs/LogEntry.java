package dev.vigil.logs;

import java.util.List;

/**
 * One log line, parsed once and shared by every reader and subscriber.
 *
 * @param json the entry as a JSON object that clients get: {@code time} (ISO-8601 UTC
 * with milliseconds, when known), {@code level}, {@code msg}, then the entry's other
 * fields, {@code stack} and {@code lines} when it spans several lines, and
 * {@code "truncated":true} when cut; Vigil's own lines are passed as written (they have
 * this shape already). See {@link LogFormat}.
 * @param level one of {@code trace|debug|info|warn|error|fatal|unknown}
 * @param strings top-level string values in lower case, which {@code search} looks
 * through (lowered once here rather than once per subscriber)
 * @param time when the entry was written, epoch milliseconds, or {@link #NO_TIME} when
 * the line does not say
 * @param text the entry as written (its lines joined with {@code \n}), which
 * {@code regex} and {@code exclude} look through
 */
record LogEntry(String json, String level, List<String> strings, long time, String text) {

	static final long NO_TIME = Long.MIN_VALUE;

	/**
	 * An entry of Vigil's own log, or of any source read with {@link LogFormat#AUTO}.
	 * @param text the entry's text (lines joined with {@code \n}) without its line
	 * terminator
	 * @param truncated whether the text was cut at the size limit
	 */
	static LogEntry parse(String text, boolean truncated) {
		return LogFormat.AUTO.parse(text, truncated);
	}

}
