package dev.vigil.logs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.vigil.NotFoundException;

/**
 * The entries around one entry, unfiltered: what came just before and after an error
 * found by a filter. The part before is read backwards by {@link LogHistory} (ending with
 * the entry itself, which proves the cursor names an entry), the part after forward from
 * the cursor.
 */
@Component
class LogContext {

	static final int MAX = 200;

	private final LogHistory history;

	private final int maxLine;

	LogContext(LogHistory history, LogsProperties properties) {
		this.history = history;
		this.maxLine = maxLine(properties);
	}

	/**
	 * @param file the file's name
	 * @param entries oldest first
	 * @param cursors one per entry
	 * @param target the index of the entry the cursor names
	 */
	record Around(String file, List<LogEntry> entries, List<String> cursors, int target) {
	}

	/**
	 * @throws NotFoundException when the cursor's file is gone or its offset is not the
	 * end of an entry there (rotated away, truncated, rewritten)
	 */
	Around around(LogSource source, LogCursor cursor, int before, int after) throws IOException {
		Path path = source.files()
			.find(cursor.file())
			.orElseThrow(() -> new NotFoundException("entry no longer available"));
		List<LogEntry> entries = new ArrayList<>();
		List<String> cursors = new ArrayList<>();
		try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
			long size = channel.size();
			if (cursor.offset() <= 0 || cursor.offset() > size) {
				throw new NotFoundException("entry no longer available");
			}
			List<LogHistory.Line> earlier = this.history.lastMatching(path, EntryRules.of(source.format()),
					cursor.offset(), LogFilter.NONE, before + 1);
			if (earlier.isEmpty() || earlier.get(earlier.size() - 1).endOffset() != cursor.offset()) {
				throw new NotFoundException("entry no longer available");
			}
			for (LogHistory.Line line : earlier) {
				entries.add(line.entry());
				cursors.add(new LogCursor(cursor.file(), line.endOffset()).toString());
			}
			int target = entries.size() - 1;
			if (after > 0) {
				boolean live = path.equals(source.files().live());
				new LogEntryReader(EntryRules.of(source.format()), this.maxLine).read(channel, cursor.offset(), size,
						!live, entries.get(target), (entry, start, end) -> {
							entries.add(entry);
							cursors.add(new LogCursor(cursor.file(), end).toString());
							return entries.size() - target - 1 < after;
						});
			}
			return new Around(path.getFileName().toString(), entries, cursors, target);
		}
		catch (NoSuchFileException ex) {
			throw new NotFoundException("entry no longer available");
		}
	}

	static int maxLine(LogsProperties properties) {
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE - 16, properties.maxLine().toBytes()));
	}

}
