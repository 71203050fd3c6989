package dev.vigil.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Plain-text lines: the patterns of common programs, each read into fields with the
 * message part as {@code msg} (an access log line's {@code msg} is its request line and
 * status), and anything else with the level word it shows ({@link LevelWords#find}) and
 * the whole line as {@code msg}. Each pattern is anchored and only tried when the line's
 * first characters fit it.
 */
final class PlainText {

	private static final String ISO_TIME = "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?(?:Z|[+-]\\d{2}(?::?\\d{2})?)?";

	/**
	 * Spring Boot's console and file pattern: {@code time level pid --- [app] [thread]
	 * logger : message}, the app name (and a correlation id) optional.
	 */
	private static final Pattern BOOT = Pattern.compile("^(" + ISO_TIME
			+ ")\\s+(TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\\s+(\\d+)\\s+---\\s+((?:\\[[^\\]]*\\]\\s*){1,4})(\\S+)\\s+:(?: (.*))?$");

	private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]*)\\]");

	private static final Pattern CORRELATION = Pattern.compile("[0-9a-f]{16,32}-[0-9a-f]{16}");

	/** nginx's error log: {@code 2026/11/22 10:00:00 [error] 12#12: *1 message}. */
	private static final Pattern NGINX_ERROR = Pattern
		.compile("^(\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}) \\[([a-z]+)\\] (\\d+)#(\\d+): (?:\\*(\\d+) )?(.*)$");

	/**
	 * RFC 5424's header: {@code <PRI>1 time host app procid msgid }, then structured data
	 * and the message, read by hand: Java's regex engine recurses per repetition of a
	 * group, and a line full of escapes would overflow the stack.
	 */
	private static final Pattern SYSLOG_5424 = Pattern
		.compile("^<(\\d{1,3})>(\\d{1,2}) (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) ");

	/** RFC 3164 (BSD): {@code <PRI>?Mon dd hh:mm:ss host program[pid]: msg}. */
	private static final Pattern SYSLOG_3164 = Pattern.compile(
			"^(?:<(\\d{1,3})>)?([A-Z][a-z]{2}) ([ \\d]\\d) (\\d{2}:\\d{2}:\\d{2}) (\\S+) ([^\\s:\\[]+)(?:\\[(\\d+)\\])?: ?(.*)$");

	/** rsyslog's high-precision file format: RFC 3164 with an ISO time. */
	private static final Pattern SYSLOG_ISO = Pattern.compile(
			"^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:\\d{2})) (\\S+) ([^\\s:\\[]+)(?:\\[(\\d+)\\])?: ?(.*)$");

	/** A timestamp opening a line of no known pattern (optionally in brackets). */
	private static final Pattern LEADING_TIME = Pattern.compile("^\\[?(" + ISO_TIME + ")");

	private PlainText() {
	}

	static LogEntry parse(EntryJson.Lines lines, String text, boolean truncated) {
		String line = lines.first();
		LogEntry entry = null;
		if (!line.isEmpty()) {
			char c = line.charAt(0);
			if (c == '<') {
				entry = syslog5424(line, lines, text, truncated);
				if (entry == null) {
					entry = syslog3164(line, lines, text, truncated);
				}
			}
			else if (c >= '0' && c <= '9' && line.length() > 19 && line.charAt(4) == '-') {
				entry = boot(line, lines, text, truncated);
				if (entry == null) {
					entry = syslogIso(line, lines, text, truncated);
				}
			}
			else if (c >= '0' && c <= '9' && line.length() > 19 && line.charAt(4) == '/') {
				entry = nginxError(line, lines, text, truncated);
			}
			else if (c >= 'A' && c <= 'Z' && line.length() > 16 && line.charAt(3) == ' ') {
				entry = syslog3164(line, lines, text, truncated);
			}
			if (entry == null && line.indexOf("] \"") > 0) {
				entry = access(line, lines, text, truncated);
			}
		}
		return (entry != null) ? entry : generic(line, lines, text, truncated);
	}

	private static LogEntry generic(String line, EntryJson.Lines lines, String text, boolean truncated) {
		String level = LevelWords.find(line);
		if (level == null) {
			level = LevelWords.UNKNOWN;
		}
		long time = LogEntry.NO_TIME;
		if (!line.isEmpty() && (Character.isDigit(line.charAt(0)) || line.charAt(0) == '[')) {
			Matcher matcher = LEADING_TIME.matcher(line);
			if (matcher.lookingAt()) {
				time = LogTimes.parse(matcher.group(1));
			}
		}
		return EntryJson.start(time, level, line, line.length() + 48)
			.finish(level, time, text, lines.rest(), lines.count(), truncated);
	}

	private static @Nullable LogEntry boot(String line, EntryJson.Lines lines, String text, boolean truncated) {
		Matcher m = BOOT.matcher(line);
		if (!m.matches()) {
			return null;
		}
		List<String> brackets = new ArrayList<>(3);
		Matcher bracket = BRACKETED.matcher(m.group(4));
		while (bracket.find()) {
			brackets.add(bracket.group(1).trim());
		}
		String correlation = null;
		String last = brackets.get(brackets.size() - 1);
		if (brackets.size() > 1 && (last.isEmpty() || CORRELATION.matcher(last).matches())) {
			correlation = last;
			brackets.remove(brackets.size() - 1);
		}
		String level = LevelWords.of(m.group(2));
		long time = LogTimes.parse(m.group(1));
		String msg = (m.group(6) != null) ? m.group(6) : "";
		EntryJson entry = EntryJson.start(time, level, msg, line.length() + 64);
		entry.string("logger", m.group(5));
		entry.string("thread", brackets.get(brackets.size() - 1));
		if (brackets.size() > 1) {
			entry.string("app", brackets.get(0));
		}
		if (brackets.size() > 2) {
			entry.string("group", brackets.get(1));
		}
		if (correlation != null && !correlation.isEmpty()) {
			entry.string("correlation", correlation);
		}
		number(entry, "pid", m.group(3));
		return entry.finish(level, time, text, lines.rest(), lines.count(), truncated);
	}

	private static @Nullable LogEntry nginxError(String line, EntryJson.Lines lines, String text, boolean truncated) {
		Matcher m = NGINX_ERROR.matcher(line);
		if (!m.matches()) {
			return null;
		}
		String level = LevelWords.of(m.group(2));
		long time = LogTimes.slashed(m.group(1));
		EntryJson entry = EntryJson.start(time, level, m.group(6), line.length() + 64);
		number(entry, "pid", m.group(3));
		number(entry, "tid", m.group(4));
		if (m.group(5) != null) {
			number(entry, "connection", m.group(5));
		}
		return entry.finish(level, time, text, lines.rest(), lines.count(), truncated);
	}

	/**
	 * The common and combined access log formats (nginx, Apache):
	 * {@code remote ident user [time] "request" status bytes "referer" "agent"}, read by
	 * hand (see {@link #SYSLOG_5424}; also cheaper than a pattern).
	 */
	private static @Nullable LogEntry access(String line, EntryJson.Lines lines, String text, boolean truncated) {
		Scan scan = new Scan(line);
		String remote = scan.word();
		String ident = scan.word();
		String user = scan.word();
		String when = scan.enclosed('[', ']');
		String request = scan.quoted();
		String status = scan.word();
		String bytes = scan.word();
		if (remote == null || ident == null || user == null || when == null || request == null || status == null
				|| bytes == null || !isStatus(status) || !(bytes.equals("-") || isDigits(bytes))) {
			return null;
		}
		int combined = scan.position();
		String referer = scan.quoted();
		String agent = (referer != null) ? scan.quoted() : null;
		if (agent == null) {
			referer = null;
			scan.reset(combined);
		}
		int code = Integer.parseInt(status);
		String level = (code >= 500) ? "error" : (code >= 400) ? "warn" : "info";
		long time = LogTimes.access(when);
		EntryJson entry = EntryJson.start(time, level, request + " " + status, line.length() + 128);
		entry.string("remote", remote);
		optional(entry, "ident", ident);
		optional(entry, "user", user);
		String[] parts = request.split(" ", -1);
		if (parts.length == 3 && !parts[0].isEmpty()) {
			entry.string("method", parts[0]).string("path", parts[1]).string("protocol", parts[2]);
		}
		else if (parts.length == 2 && !parts[0].isEmpty()) {
			// HTTP/0.9: no protocol
			entry.string("method", parts[0]).string("path", parts[1]);
		}
		else {
			entry.string("request", request);
		}
		entry.number("status", code);
		if (!bytes.equals("-")) {
			number(entry, "bytes", bytes);
		}
		optional(entry, "referer", referer);
		optional(entry, "agent", agent);
		String extra = scan.rest().trim();
		if (!extra.isEmpty()) {
			entry.string("extra", extra);
		}
		return entry.finish(level, time, text, lines.rest(), lines.count(), truncated);
	}

	private static @Nullable LogEntry syslog5424(String line, EntryJson.Lines lines, String text, boolean truncated) {
		Matcher m = SYSLOG_5424.matcher(line);
		if (!m.lookingAt()) {
			return null;
		}
		int start = m.end();
		int end = start;
		String sd = null;
		if (line.startsWith("-", start)) {
			end = start + 1;
		}
		else {
			while (end < line.length() && line.charAt(end) == '[') {
				int close = closing(line, end, ']');
				if (close < 0) {
					return null;
				}
				end = close + 1;
			}
			if (end == start) {
				return null;
			}
			sd = line.substring(start, end);
		}
		if (end < line.length() && line.charAt(end) != ' ') {
			return null;
		}
		String msg = (end < line.length()) ? line.substring(end + 1) : "";
		if (msg.startsWith("\uFEFF")) {
			msg = msg.substring(1);
		}
		int pri = Integer.parseInt(m.group(1));
		String level = LevelWords.syslog(pri % 8);
		long time = m.group(3).equals("-") ? LogEntry.NO_TIME : LogTimes.parse(m.group(3));
		EntryJson entry = EntryJson.start(time, level, msg, line.length() + 64);
		optional(entry, "host", m.group(4));
		optional(entry, "app", m.group(5));
		optional(entry, "procid", m.group(6));
		optional(entry, "msgid", m.group(7));
		optional(entry, "sd", sd);
		entry.number("facility", pri / 8);
		return entry.finish(level, time, text, lines.rest(), lines.count(), truncated);
	}

	private static @Nullable LogEntry syslog3164(String line, EntryJson.Lines lines, String text, boolean truncated) {
		Matcher m = SYSLOG_3164.matcher(line);
		if (!m.matches()) {
			return null;
		}
		long time = LogTimes.syslog(m.group(2), m.group(3), m.group(4), System.currentTimeMillis());
		if (time == LogEntry.NO_TIME) {
			return null;
		}
		String msg = m.group(8);
		String level = syslogLevel(m.group(1), msg);
		EntryJson entry = EntryJson.start(time, level, msg, line.length() + 64);
		entry.string("host", m.group(5));
		entry.string("program", m.group(6));
		if (m.group(7) != null) {
			number(entry, "pid", m.group(7));
		}
		if (m.group(1) != null) {
			entry.number("facility", Integer.parseInt(m.group(1)) / 8);
		}
		return entry.finish(level, time, text, lines.rest(), lines.count(), truncated);
	}

	private static @Nullable LogEntry syslogIso(String line, EntryJson.Lines lines, String text, boolean truncated) {
		Matcher m = SYSLOG_ISO.matcher(line);
		// "2026-… INFO main: …" is not a host named INFO
		if (!m.matches() || LevelWords.find(m.group(2)) != null) {
			return null;
		}
		long time = LogTimes.parse(m.group(1));
		String msg = m.group(5);
		String level = syslogLevel(null, msg);
		EntryJson entry = EntryJson.start(time, level, msg, line.length() + 64);
		entry.string("host", m.group(2));
		entry.string("program", m.group(3));
		if (m.group(4) != null) {
			number(entry, "pid", m.group(4));
		}
		return entry.finish(level, time, text, lines.rest(), lines.count(), truncated);
	}

	private static String syslogLevel(@Nullable String pri, String msg) {
		if (pri != null) {
			return LevelWords.syslog(Integer.parseInt(pri) % 8);
		}
		String level = LevelWords.find(msg);
		return (level != null) ? level : LevelWords.UNKNOWN;
	}

	/**
	 * The index of {@code close} ending the group opened at {@code from}, skipping quoted
	 * strings with backslash escapes (RFC 5424's {@code [id key="a \\"]"]}), or -1.
	 */
	private static int closing(String line, int from, char close) {
		boolean quoted = false;
		for (int i = from + 1; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (c == '"') {
				quoted = !quoted;
			}
			else if (c == close && !quoted) {
				return i;
			}
		}
		return -1;
	}

	private static boolean isStatus(String s) {
		return s.length() == 3 && s.charAt(0) >= '1' && s.charAt(0) <= '5' && isDigits(s);
	}

	private static boolean isDigits(String s) {
		for (int i = 0; i < s.length(); i++) {
			if (s.charAt(i) < '0' || s.charAt(i) > '9') {
				return false;
			}
		}
		return !s.isEmpty();
	}

	/** A field that the format writes as {@code -} when it has no value. */
	private static void optional(EntryJson entry, String key, @Nullable String value) {
		if (value != null && !value.equals("-")) {
			entry.string(key, value);
		}
	}

	/** Digits as a JSON number (18 at most, so they fit a long). */
	private static void number(EntryJson entry, String key, String digits) {
		if (digits.length() <= 18) {
			entry.number(key, Long.parseLong(digits));
		}
		else {
			entry.string(key, digits);
		}
	}

	/** Reads a line left to right, field by field, each followed by one space. */
	private static final class Scan {

		private final String line;

		private int position;

		Scan(String line) {
			this.line = line;
		}

		int position() {
			return this.position;
		}

		void reset(int position) {
			this.position = position;
		}

		String rest() {
			return this.line.substring(this.position);
		}

		/** Non-blank characters, or {@code null} when there are none. */
		@Nullable String word() {
			int start = this.position;
			int end = start;
			while (end < this.line.length() && this.line.charAt(end) > ' ') {
				end++;
			}
			return (end > start) ? field(start, end, end) : null;
		}

		/** {@code "…"} with backslash escapes (kept as written). */
		@Nullable String quoted() {
			if (!at('"')) {
				return null;
			}
			for (int i = this.position + 1; i < this.line.length(); i++) {
				char c = this.line.charAt(i);
				if (c == '\\') {
					i++;
				}
				else if (c == '"') {
					return field(this.position + 1, i, i + 1);
				}
			}
			return null;
		}

		/** {@code […]}. */
		@Nullable String enclosed(char open, char close) {
			if (!at(open)) {
				return null;
			}
			int end = closing(this.line, this.position, close);
			return (end < 0) ? null : field(this.position + 1, end, end + 1);
		}

		private boolean at(char c) {
			return this.position < this.line.length() && this.line.charAt(this.position) == c;
		}

		/**
		 * The field {@code [start, end)}; the scan moves past {@code next} and a space.
		 */
		private String field(int start, int end, int next) {
			this.position = (next < this.line.length() && this.line.charAt(next) == ' ') ? next + 1 : next;
			return this.line.substring(start, end);
		}

	}

}
