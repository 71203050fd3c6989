package dev.vigil.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

import org.jspecify.annotations.Nullable;

/**
 * Reads a log file forward as entries, a chunk at a time, joining lines with the
 * {@link EntryAssembler} and the source's {@link EntryRules}, so that its entries and
 * their offsets are the tailer's and {@link LogHistory}'s. A start inside a line skips to
 * the next line start, so a fragment never becomes an entry. Memory is one chunk and one
 * entry, whatever the size of the file. Not thread-safe: one read at a time (reusable).
 */
final class LogEntryReader {

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

	private final EntryAssembler assembler;

	private final ByteBuffer buffer;

	private final LineSplitter splitter;

	/** Made once: a method reference per line would be an allocation per line. */
	private final EntryAssembler.Sink assembled = this::entry;

	private Sink sink = (entry, start, end) -> true;

	private boolean stopped;

	private boolean skipFirst;

	LogEntryReader(EntryRules rules, int maxLine) {
		this(rules, maxLine, CHUNK);
	}

	/**
	 * @param chunk bytes per read: small for reads that stop soon
	 */
	LogEntryReader(EntryRules rules, int maxLine, int chunk) {
		this.buffer = ByteBuffer.allocate(chunk);
		this.assembler = new EntryAssembler(rules, maxLine);
		this.splitter = new LineSplitter(maxLine);
	}

	/**
	 * Reads the entries of the lines between {@code from} and {@code to} (or the end of
	 * the file, if sooner), until the sink says stop.
	 * @param tail whether bytes after the last newline before {@code to} are an entry (a
	 * finished file that does not end with a newline) or a line still being written
	 */
	void read(FileChannel channel, long from, long to, boolean tail, Sink sink) throws IOException {
		read(channel, from, to, tail, null, sink);
	}

	/**
	 * Reads as {@link #read(FileChannel, long, long, boolean, Sink)} does, from the end
	 * of {@code previous}: a continuation line right after it is an entry of its own
	 * (with its level), as when the file is read from its start.
	 */
	void read(FileChannel channel, long from, long to, boolean tail, @Nullable LogEntry previous, Sink sink)
			throws IOException {
		this.sink = sink;
		this.stopped = false;
		this.splitter.reset();
		this.assembler.startAt(from, previous);
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
			this.assembler.flush(this.assembled);
		}
	}

	private void line(String text, boolean truncated, long endOffset) {
		if (this.stopped) {
			return;
		}
		if (this.skipFirst) {
			this.skipFirst = false;
			this.assembler.startAt(endOffset, null);
			return;
		}
		this.assembler.line(text, truncated, endOffset, this.assembled);
	}

	private void entry(LogEntry entry, long start, long end) {
		// One line may deliver two entries (the one it ends and an orphaned
		// continuation).
		if (!this.stopped && !this.sink.entry(entry, start, end)) {
			this.stopped = true;
		}
	}

	private static boolean endsLine(FileChannel channel, long offset) throws IOException {
		ByteBuffer previous = ByteBuffer.allocate(1);
		return channel.read(previous, offset) == 1 && previous.get(0) == '\n';
	}

}
