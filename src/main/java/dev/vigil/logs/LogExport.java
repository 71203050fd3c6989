package dev.vigil.logs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

import org.springframework.stereotype.Component;

/**
 * The filtered download: the matching entries of one file as they were written, oldest
 * first, read forward a chunk at a time and written as read, so memory stays one chunk
 * and one entry whatever the size of the file. A live file is exported up to its size
 * when the export starts.
 */
@Component
class LogExport {

	private static final int BUFFER = 64 * 1024;

	private final int maxLine;

	LogExport(LogsProperties properties) {
		this.maxLine = LogContext.maxLine(properties);
	}

	/**
	 * Writes the matching entries of the file open in {@code channel} (opened by the
	 * caller, so that a file it may not read is refused before any byte of the answer).
	 */
	void write(LogSource source, FileChannel channel, LogFilter filter, OutputStream target) throws IOException {
		OutputStream out = new BufferedOutputStream(target, BUFFER);
		try {
			new LogEntryReader(EntryRules.of(source.format()), this.maxLine).read(channel, 0, channel.size(), true,
					(entry, start, end) -> {
						if (filter.matches(entry)) {
							try {
								out.write(entry.text().getBytes(StandardCharsets.UTF_8));
								out.write('\n');
							}
							catch (IOException ex) {
								throw new UncheckedIOException(ex);
							}
						}
						return true;
					});
		}
		catch (UncheckedIOException ex) {
			// The client went away: stop reading.
			throw ex.getCause();
		}
		out.flush();
	}

}
