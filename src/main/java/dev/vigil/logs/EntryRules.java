package dev.vigil.logs;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import tools.jackson.core.io.JsonStringEncoder;

/**
 * How a source's lines become entries, as every reader (tailer, replay, history) applies
 * it: which lines continue the entry before them, which entries may be continued at all,
 * and how an entry's text is parsed. Taken from the source's {@link LogFormat}; tests
 * supply their own rules to exercise the joining.
 *
 * @param continues whether a line continues the entry before it
 * @param joinable whether an entry that starts with this line may be continued: never a
 * JSON object (a JSON log never continues a line, so the own log's entries are never
 * held)
 * @param parser parses an entry's text (its lines joined with {@code \n})
 */
record EntryRules(Predicate<String> continues, Predicate<String> joinable, Parser parser) {

	interface Parser {

		LogEntry parse(String text, boolean truncated);

	}

	static EntryRules of(LogFormat format) {
		Predicate<String> joinable = switch (format) {
			case JSON -> (line) -> false;
			case AUTO -> (line) -> !line.startsWith("{");
			default -> (line) -> true;
		};
		return new EntryRules(format::continues, joinable, format::parse);
	}

	/**
	 * A continuation line that cannot join its entry (it came after the entry was
	 * delivered, past the entry's line cap, or after an entry that is never continued):
	 * an entry of its own with the level and time of the entry before it.
	 */
	static LogEntry continuation(String line, boolean truncated, LogEntry previous) {
		StringBuilder json = new StringBuilder(line.length() + 80).append('{');
		if (previous.time() != LogEntry.NO_TIME) {
			json.append("\"time\":\"").append(Instant.ofEpochMilli(previous.time())).append("\",");
		}
		json.append("\"level\":\"");
		JsonStringEncoder.getInstance().quoteAsString(previous.level(), json);
		json.append("\",\"msg\":\"");
		JsonStringEncoder.getInstance().quoteAsString(line, json);
		json.append("\",\"continuation\":true");
		if (truncated) {
			json.append(",\"truncated\":true");
		}
		json.append('}');
		return new LogEntry(json.toString(), previous.level(), List.of(previous.level(), line.toLowerCase(Locale.ROOT)),
				previous.time(), line);
	}

}
