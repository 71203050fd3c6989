package dev.vigil.logs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Jump to a time: the history position just after the last entry written at or before an
 * instant. The file is the newest whose first entry is not later than the instant; within
 * it a binary search on byte offsets, each probe moving to the next line start and
 * reading forward to the first entry that has a time. Log files are in time order, give
 * or take the milliseconds threads race for, so this costs a few dozen small reads
 * whatever the size of the file.
 */
@Component
class LogSeek {

	/** Below this span the search reads forward instead of halving again. */
	static final long WINDOW = 64 * 1024;

	/**
	 * How far a probe reads for an entry with a time before it counts as "none here" (a
	 * run of untimed lines, a file with no times at all).
	 */
	static final long PROBE = 1024 * 1024;

	/** Bytes per read of a probe, which usually needs one line. */
	private static final int PROBE_CHUNK = 8 * 1024;

	private final int maxLine;

	private final long window;

	@Autowired
	LogSeek(LogsProperties properties) {
		this(properties, WINDOW);
	}

	/** A small window lets tests halve small files many times. */
	LogSeek(LogsProperties properties, long window) {
		this.maxLine = LogContext.maxLine(properties);
		this.window = Math.max(1, window);
	}

	/**
	 * @param file the file's name
	 * @param before the offset to pass as the history's {@code before}
	 */
	record Position(String file, long before) {
	}

	/** An entry that has a time, and where it is. */
	private record Timed(long start, long end, long time) {
	}

	Position seek(LogSource source, long at) throws IOException {
		LogEntryReader reader = new LogEntryReader(EntryRules.of(source.format()), this.maxLine, PROBE_CHUNK);
		List<Path> files = newestFirst(source.files());
		Path oldest = null;
		for (Path file : files) {
			try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
				// Bounded like every probe: a file whose first PROBE bytes carry no time
				// is
				// taken to have none, rather than read whole on a request thread.
				Timed first = probe(reader, channel, 0, Math.min(channel.size(), PROBE));
				if (first == null) {
					continue;
				}
				if (first.time() <= at) {
					return new Position(file.getFileName().toString(), after(reader, channel, at));
				}
				oldest = file;
			}
			catch (NoSuchFileException ex) {
				// rotated away or removed by retention meanwhile
			}
		}
		// Before every entry (or no entry has a time): the start of the oldest file.
		Path start = (oldest != null) ? oldest : source.files().live();
		return new Position(start.getFileName().toString(), 0);
	}

	/**
	 * The start of the first entry later than {@code at}, or the end of the file when
	 * there is none.
	 */
	private long after(LogEntryReader reader, FileChannel channel, long at) throws IOException {
		long size = channel.size();
		long low = 0;
		long high = size;
		while (high - low > this.window) {
			long middle = low + (high - low) / 2;
			Timed probe = probe(reader, channel, middle, Math.min(size, middle + PROBE));
			if (probe == null || probe.time() > at) {
				high = middle;
			}
			else {
				low = probe.end();
			}
		}
		long[] found = { size };
		reader.read(channel, low, size, true, (entry, start, end) -> {
			if (entry.time() != LogEntry.NO_TIME && entry.time() > at) {
				found[0] = start;
				return false;
			}
			return true;
		});
		return found[0];
	}

	/** The first entry with a time that starts at or after {@code from}. */
	private @Nullable Timed probe(LogEntryReader reader, FileChannel channel, long from, long to) throws IOException {
		List<Timed> found = new ArrayList<>(1);
		reader.read(channel, from, to, false, (entry, start, end) -> {
			if (entry.time() == LogEntry.NO_TIME) {
				return true;
			}
			found.add(new Timed(start, end, entry.time()));
			return false;
		});
		return found.isEmpty() ? null : found.get(0);
	}

	/** The source's files, newest first by modification time (the live file first). */
	static List<Path> newestFirst(LogFiles files) throws IOException {
		Path live = files.live();
		List<Path> all = new ArrayList<>(files.list());
		if (!all.contains(live) && Files.exists(live)) {
			all.add(live);
		}
		all.sort(Comparator.comparing((Path file) -> modified(file))
			.reversed()
			.thenComparing((file) -> !file.equals(live))
			.thenComparing((Path file) -> file.getFileName().toString(), Comparator.reverseOrder()));
		return all;
	}

	private static long modified(Path file) {
		try {
			return Files.getLastModifiedTime(file).toMillis();
		}
		catch (IOException ex) {
			return 0;
		}
	}

}
