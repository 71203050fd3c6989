package dev.vigil.logs;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.vigil.web.ApiException;

/**
 * The viewer's filters, reference semantics: {@code level} is an exact match against one
 * of a comma list; {@code search} is a case-insensitive substring of any top-level string
 * value. Beyond the reference: {@code regex} must be found in the entry's raw text,
 * {@code exclude} must not (both case-insensitive, bounded by {@link BoundedRegex}), and
 * {@code from}/{@code to} keep the entries written in that range, both ends included
 * (entries that carry no time are then hidden: nothing says they are in range).
 *
 * @param levels accepted levels, empty for all
 * @param search lower-case search text, empty for none
 * @param regex found in the entry's text, or {@code null} for any
 * @param exclude hides the entries whose text it is found in, or {@code null}
 * @param from earliest time, epoch milliseconds ({@link Long#MIN_VALUE}: no bound)
 * @param to latest time, epoch milliseconds ({@link Long#MAX_VALUE}: no bound)
 */
record LogFilter(Set<String> levels, String search, @Nullable BoundedRegex regex, @Nullable BoundedRegex exclude,
		long from, long to) {

	static final LogFilter NONE = new LogFilter(Set.of(), "");

	/** The longest {@code regex} or {@code exclude} accepted. */
	static final int MAX_TEXT = 500;

	private static final long NO_FROM = Long.MIN_VALUE;

	private static final long NO_TO = Long.MAX_VALUE;

	LogFilter(Set<String> levels, String search) {
		this(levels, search, null, null, NO_FROM, NO_TO);
	}

	/**
	 * The filter a request or stream asks for, from its parameters ({@code level},
	 * {@code search}, {@code regex}, {@code exclude}, {@code from}, {@code to}); absent
	 * or empty parameters do not filter.
	 * @throws ApiException 422 naming the parameter that is invalid
	 */
	static LogFilter from(Function<String, @Nullable String> parameter) {
		LogFilter basic = of(parameter.apply("level"), parameter.apply("search"));
		BoundedRegex regex = pattern("regex", parameter.apply("regex"));
		BoundedRegex exclude = pattern("exclude", parameter.apply("exclude"));
		long from = instant("from", parameter.apply("from"), NO_FROM);
		long to = instant("to", parameter.apply("to"), NO_TO);
		if (from != NO_FROM && to != NO_TO && from > to) {
			throw ApiException.invalid("to", "must not be before from");
		}
		return new LogFilter(basic.levels, basic.search, regex, exclude, from, to);
	}

	static LogFilter of(@Nullable String level, @Nullable String search) {
		Set<String> levels = (level == null) ? Set.of()
				: Arrays.stream(level.split(","))
					.map((l) -> l.trim().toLowerCase(Locale.ROOT))
					.filter((l) -> !l.isEmpty())
					.collect(Collectors.toUnmodifiableSet());
		return new LogFilter(levels, (search == null) ? "" : search.trim().toLowerCase(Locale.ROOT));
	}

	private static @Nullable BoundedRegex pattern(String name, @Nullable String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		if (value.length() > MAX_TEXT) {
			throw ApiException.invalid(name, "at most " + MAX_TEXT + " characters");
		}
		try {
			return BoundedRegex.compile(value);
		}
		catch (PatternSyntaxException ex) {
			String where = (ex.getIndex() >= 0) ? " near index " + ex.getIndex() : "";
			throw ApiException.invalid(name, "invalid regular expression: " + ex.getDescription() + where);
		}
		catch (IllegalArgumentException | StackOverflowError ex) {
			throw ApiException.invalid(name, "invalid regular expression");
		}
	}

	private static long instant(String name, @Nullable String value, long unset) {
		if (value == null || value.isBlank()) {
			return unset;
		}
		try {
			return Instant.parse(value.trim()).toEpochMilli();
		}
		catch (DateTimeParseException | ArithmeticException ex) {
			throw ApiException.invalid(name, "expected an ISO-8601 instant such as 2026-11-22T10:00:00Z");
		}
	}

	boolean matches(LogEntry entry) {
		if (!this.levels.isEmpty() && !this.levels.contains(entry.level())) {
			return false;
		}
		if (this.from != NO_FROM || this.to != NO_TO) {
			long time = entry.time();
			if (time == LogEntry.NO_TIME || time < this.from || time > this.to) {
				return false;
			}
		}
		if (!this.search.isEmpty() && !searched(entry)) {
			return false;
		}
		if (this.regex != null && !this.regex.find(entry.text())) {
			return false;
		}
		return this.exclude == null || !this.exclude.find(entry.text());
	}

	private boolean searched(LogEntry entry) {
		for (String value : entry.strings()) {
			if (value.contains(this.search)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The filter as the client sees it: the level list as given (sorted), and the search.
	 */
	String level() {
		return String.join(",", this.levels.stream().sorted().toList());
	}

	/** The regex as given, empty when none. */
	String regexText() {
		return (this.regex != null) ? this.regex.source() : "";
	}

	/** The exclude regex as given, empty when none. */
	String excludeText() {
		return (this.exclude != null) ? this.exclude.source() : "";
	}

	/** The start of the time range as an ISO-8601 instant, empty when none. */
	String fromText() {
		return (this.from != NO_FROM) ? Instant.ofEpochMilli(this.from).toString() : "";
	}

	/** The end of the time range as an ISO-8601 instant, empty when none. */
	String toText() {
		return (this.to != NO_TO) ? Instant.ofEpochMilli(this.to).toString() : "";
	}

}
