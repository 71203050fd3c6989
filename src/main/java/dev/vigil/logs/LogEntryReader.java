package dev.vigil.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads a log file forward as entries, a chunk at a time: a line that continues the entry
 * before it ({@link LogFormat#continues}) is joined to it, as the tailer joins them. A
 * start inside a line skips to the next line start, so a fragment never becomes an entry.
 * Memory is one chunk and one entry, whatever the size of the file. Not thread-safe: one
 * read at a time (reusable).
 */
final class LogEntryReader {

	/** The most physical lines one entry joins. */
	static final int MAX_LINES = 1000;

	private static final int CHUNK = 64 * 1024;

	/** Receives the entries in file order. */
	interface Sink {

		/**
		 * @param start offset of the entry's first byte
		 * @param end offset just after its last line's terminator (its cursor offset)
		 * @return whether to go on reading
		 */
		boolean entry(LogEntry entry, long start, long end);

	}

	private final LogFormat format;

	private final int maxLine;

	private final ByteBuffer buffer;

	private final LineSplitter splitter;

	private Sink sink = (entry, start, end) -> true;

	private boolean stopped;

	private boolean skipFirst;

	/** Start of the next line the splitter will hand over. */
	private long lineStart;

	// The entry being joined: its lines so far, or null between entries.
	private StringBuilder pending;

	private boolean pendingTruncated;

	private int pendingLines;

	private long pendingStart;

	private long pendingEnd;

	LogEntryReader(LogFormat format, int maxLine) {
		this(format, maxLine, CHUNK);
	}

	/**
	 * @param chunk bytes per read: small for reads that stop soon
	 */
	LogEntryReader(LogFormat format, int maxLine, int chunk) {
		this.buffer = ByteBuffer.allocate(chunk);
		this.format = format;
		this.maxLine = maxLine;
		this.splitter = new LineSplitter(maxLine);
	}

	/**
	 * Reads the entries of the lines between {@code from} and {@code to} (or the end of
	 * the file, if sooner), until the sink says stop.
	 * @param tail whether bytes after the last newline before {@code to} are an entry (a
	 * finished file that does not end with a newline) or a line still being written
	 */
	void read(FileChannel channel, long from, long to, boolean tail, Sink sink) throws IOException {
		this.sink = sink;
		this.stopped = false;
		this.pending = null;
		this.splitter.reset();
		this.lineStart = from;
		this.skipFirst = from > 0 && !endsLine(channel, from - 1);
		long position = from;
		while (!this.stopped && position < to) {
			long next = this.splitter.read(channel, position, Math.min(to, position + this.buffer.capacity()),
					this.buffer, this::line);
			if (next <= position) {
				// Shorter than it was: the file was truncated since.
				break;
			}
			position = next;
		}
		if (!this.stopped && tail) {
			this.splitter.flush(this::line, position);
		}
		else {
			this.splitter.reset();
		}
		if (!this.stopped) {
			emit();
		}
	}

	private void line(String text, boolean truncated, long endOffset) {
		if (this.stopped) {
			return;
		}
		long start = this.lineStart;
		this.lineStart = endOffset;
		if (this.skipFirst) {
			this.skipFirst = false;
			return;
		}
		if (this.pending != null && this.pendingLines < MAX_LINES && this.format.continues(text)) {
			if (this.pending.length() + 1 + text.length() > this.maxLine) {
				this.pendingTruncated = true;
			}
			else {
				this.pending.append('\n').append(text);
			}
			this.pendingTruncated |= truncated;
			this.pendingLines++;
			this.pendingEnd = endOffset;
			return;
		}
		emit();
		if (this.stopped) {
			return;
		}
		this.pending = new StringBuilder(text);
		this.pendingTruncated = truncated;
		this.pendingLines = 1;
		this.pendingStart = start;
		this.pendingEnd = endOffset;
	}

	private void emit() {
		if (this.pending == null) {
			return;
		}
		LogEntry entry = this.format.parse(this.pending.toString(), this.pendingTruncated);
		this.pending = null;
		if (!this.sink.entry(entry, this.pendingStart, this.pendingEnd)) {
			this.stopped = true;
		}
	}

	private static boolean endsLine(FileChannel channel, long offset) throws IOException {
		ByteBuffer previous = ByteBuffer.allocate(1);
		return channel.read(previous, offset) == 1 && previous.get(0) == '\n';
	}

}
