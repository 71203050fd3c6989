package dev.vigil.logs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The viewer's filters, reference semantics: {@code level} is an exact match against one
 * of a comma list; {@code search} is a case-insensitive substring of any top-level string
 * value.
 *
 * @param levels accepted levels, empty for all
 * @param search lower-case search text, empty for none
 */
record LogFilter(Set<String> levels, String search) {

	static final LogFilter NONE = new LogFilter(Set.of(), "");

	/**
	 * The filter a request or stream asks for, from its parameters ({@code level},
	 * {@code search}).
	 * @throws dev.vigil.web.ApiException 422 naming the parameter that is invalid
	 */
	static LogFilter from(Function<String, @Nullable String> parameter) {
		return of(parameter.apply("level"), parameter.apply("search"));
	}

	static LogFilter of(@Nullable String level, @Nullable String search) {
		Set<String> levels = (level == null) ? Set.of()
				: Arrays.stream(level.split(","))
					.map((l) -> l.trim().toLowerCase(Locale.ROOT))
					.filter((l) -> !l.isEmpty())
					.collect(Collectors.toUnmodifiableSet());
		return new LogFilter(levels, (search == null) ? "" : search.trim().toLowerCase(Locale.ROOT));
	}

	boolean matches(LogEntry entry) {
		if (!this.levels.isEmpty() && !this.levels.contains(entry.level())) {
			return false;
		}
		if (this.search.isEmpty()) {
			return true;
		}
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

}
