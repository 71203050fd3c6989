package dev.vigil.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.vigil.InvalidRequestException;

/**
 * Entries per minute by level over the last hour, for the strip above the viewer: read
 * backwards from the end of the live file (then the file rotated before it) until an
 * entry older than the hour, within a byte budget so a very busy log costs a bounded read
 * (the answer then says {@code partial}). Entries that carry no time are not counted.
 */
@Component
class LogRate {

	static final int BUCKETS = 60;

	static final long BUCKET_MILLIS = 60_000;

	/** Bytes one answer may read. */
	static final long BUDGET = 64L * 1024 * 1024;

	/** Entries per history page read. */
	private static final int PAGE = 1000;

	private final LogHistory history;

	private final long budget;

	@Autowired
	LogRate(LogHistory history) {
		this(history, BUDGET);
	}

	LogRate(LogHistory history, long budget) {
		this.history = history;
		this.budget = budget;
	}

	/**
	 * @param from start of the first bucket
	 * @param to end of the last bucket (the end of the current minute)
	 * @param buckets oldest first, one per minute
	 * @param partial whether the budget ran out before the hour was read
	 */
	record Rate(Instant from, Instant to, List<Bucket> buckets, boolean partial) {
	}

	/**
	 * @param counts entries by level, only the levels seen
	 */
	record Bucket(Instant time, Map<String, Long> counts) {
	}

	Rate rate(LogSource source, Instant now) throws IOException {
		long end = now.truncatedTo(ChronoUnit.MINUTES).toEpochMilli() + BUCKET_MILLIS;
		long start = end - BUCKETS * BUCKET_MILLIS;
		List<Map<String, Long>> counts = new ArrayList<>();
		for (int i = 0; i < BUCKETS; i++) {
			counts.add(new TreeMap<>());
		}
		long[] left = { this.budget };
		boolean partial = false;
		EntryRules rules = EntryRules.of(source.format());
		Count live = count(source.files().live(), rules, start, end, counts, left);
		if (live == Count.FILE_START) {
			Optional<Path> previous = previous(source.files());
			if (previous.isPresent()) {
				partial = count(previous.get(), rules, start, end, counts, left) == Count.BUDGET;
			}
		}
		else {
			partial = live == Count.BUDGET;
		}
		List<Bucket> buckets = new ArrayList<>(BUCKETS);
		for (int i = 0; i < BUCKETS; i++) {
			buckets.add(new Bucket(Instant.ofEpochMilli(start + i * BUCKET_MILLIS), counts.get(i)));
		}
		return new Rate(Instant.ofEpochMilli(start), Instant.ofEpochMilli(end), buckets, partial);
	}

	/** Why counting a file stopped. */
	private enum Count {

		/** An entry older than the hour: done. */
		HOUR_READ,
		/** The start of the file (or no file): the one before may hold more. */
		FILE_START,
		/** Out of bytes. */
		BUDGET

	}

	private Count count(Path file, EntryRules rules, long start, long end, List<Map<String, Long>> counts, long[] left)
			throws IOException {
		Long before = null;
		long position;
		try {
			position = Files.size(file);
		}
		catch (NoSuchFileException ex) {
			return Count.FILE_START;
		}
		while (true) {
			if (left[0] <= 0) {
				return Count.BUDGET;
			}
			LogHistory.Page page;
			try {
				page = this.history.page(file, rules, before, LogFilter.NONE, PAGE);
			}
			catch (NoSuchFileException | InvalidRequestException ex) {
				// Rotated or truncated meanwhile: what was counted stands.
				return Count.FILE_START;
			}
			for (LogEntry entry : page.entries()) {
				long time = entry.time();
				if (time == LogEntry.NO_TIME) {
					continue;
				}
				if (time < start) {
					return Count.HOUR_READ;
				}
				if (time < end) {
					counts.get((int) ((time - start) / BUCKET_MILLIS)).merge(entry.level(), 1L, Long::sum);
				}
			}
			@Nullable Long next = page.next();
			long reached = (next != null) ? next : 0;
			left[0] -= Math.max(0, position - reached);
			position = reached;
			if (next == null) {
				return Count.FILE_START;
			}
			before = next;
		}
	}

	/** The file rotated most recently. */
	private static Optional<Path> previous(LogFiles files) throws IOException {
		Path live = files.live();
		return LogSeek.newestFirst(files).stream().filter((file) -> !file.equals(live)).findFirst();
	}

}
