package dev.vigil.logs;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The log viewer: which directory and file it serves (by default the server's own JSON
 * log) and the limits of its readers.
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
 */
@ConfigurationProperties("vigil.logs")
record LogsProperties(@Nullable Path directory, @DefaultValue("vigil.log") String file,
		@DefaultValue("64KB") DataSize maxLine, @DefaultValue("250ms") Duration poll, @DefaultValue("100") int backfill,
		@DefaultValue("1000") int maxBacklog, @DefaultValue("64MB") DataSize maxReplay) {
}
