package dev.vigil.logs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The log viewer: which directory and file it serves as the own log (by default the
 * server's own JSON log), the other sources it serves, and the limits of its readers.
 *
 * @param directory log directory; empty means {@code <data dir>/logs}
 * @param file name of the live file; rotated files are {@code <stem>-<date>.<n>.log}
 * beside it
 * @param maxLine longer lines are truncated and flagged
 * @param poll how often the tailer checks the file when no file-system event arrives
 * @param backfill lines replayed after a mid-stream filter change
 * @param maxBacklog the most lines a client may ask for with {@code ?backlog=}
 * @param maxReplay the most bytes a resume replays; a cursor further behind gets
 * {@code reset} (a replay is read a chunk at a time, so this bounds the reading per
 * resume, not memory)
 * @param multilineWait how long a live tail holds an entry that the next line may still
 * continue (a stack trace after its message) when no more bytes arrive
 * @param accessLog where the access log ({@code vigil.access}) goes: its own file and
 * source ({@code separate}) or the own log ({@code combined})
 * @param sources the applications' logs served beside the own log
 * @param relayLease how long an instance relays its log to a watcher on another instance
 * without hearing from it; the watcher renews four times per lease
 */
@ConfigurationProperties("vigil.logs")
record LogsProperties(@Nullable Path directory, @DefaultValue("vigil.log") String file,
		@DefaultValue("64KB") DataSize maxLine, @DefaultValue("250ms") Duration poll, @DefaultValue("100") int backfill,
		@DefaultValue("1000") int maxBacklog, @DefaultValue("64MB") DataSize maxReplay,
		@DefaultValue("500ms") Duration multilineWait, @DefaultValue("separate") AccessLog accessLog,
		@Nullable List<Source> sources, @DefaultValue("10s") Duration relayLease) {

	/** The most physical lines one entry joins. */
	static final int MAX_ENTRY_LINES = 1000;

	/** Where the {@code vigil.access} logger writes. */
	enum AccessLog {

		/** {@code access.log} beside the own log, served as the {@code access} source. */
		SEPARATE,

		/** The own log, as before sources existed. */
		COMBINED

	}

	/**
	 * One configured source (validated by {@link LogSources} at startup).
	 *
	 * @param name what clients pass as {@code source}
	 * @param path the live file
	 * @param rotated a glob of the rotated files' names in the same directory; empty for
	 * {@code <stem>-*.log} and {@code <file name>.[0-9]*}
	 * @param format {@code auto}, {@code json}, {@code logfmt} or {@code plain}
	 * @param scope a scope needed on top of {@code admin:logs}
	 */
	record Source(@Nullable String name, @Nullable Path path, @Nullable String rotated,
			@DefaultValue("auto") String format, @Nullable String scope) {
	}

	List<Source> sourceList() {
		return (this.sources != null) ? this.sources : List.of();
	}

}
