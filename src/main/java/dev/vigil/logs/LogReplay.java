package dev.vigil.logs;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import dev.vigil.stream.StreamEvent;

/**
 * The matching lines of one log file between two offsets, read forward a chunk at a time
 * as its client takes them: a resume far behind holds one chunk, whatever the gap. A
 * start inside a line (a cursor not made by us) skips to the next line start, so a
 * fragment never becomes an entry. A read failing midway ends the stream with an
 * {@link UncheckedIOException}: the connection closes and its client resumes from the
 * last line it got.
 */
final class LogReplay implements Iterator<StreamEvent>, Closeable {

	private static final int CHUNK = 64 * 1024;

	private final FileChannel channel;

	private final long fileId;

	private final long end;

	private final LogFilter filter;

	private final LogEvents events;

	private final LineSplitter splitter;

	private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK);

	/** The matching lines of the chunk read last, not yet taken. */
	private final Deque<StreamEvent> ready = new ArrayDeque<>();

	private long position;

	/**
	 * Whether the first line read is the end of one that started before
	 * {@link #position}.
	 */
	private boolean partial;

	private LogReplay(FileChannel channel, long fileId, long from, long to, LogFilter filter, LogEvents events,
			int maxLine) throws IOException {
		this.channel = channel;
		this.fileId = fileId;
		this.position = from;
		this.end = to;
		this.filter = filter;
		this.events = events;
		this.splitter = new LineSplitter(maxLine);
		this.partial = from > 0 && !endsLine(channel, from - 1);
	}

	/**
	 * Opens {@code file} (whose identity is {@code fileId}) for the lines between
	 * {@code from} and {@code to}.
	 */
	static LogReplay open(Path file, long fileId, long from, long to, LogFilter filter, LogEvents events, int maxLine)
			throws IOException {
		FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
		try {
			return new LogReplay(channel, fileId, from, to, filter, events, maxLine);
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	/** The lines as a lazy stream that closes the file when it is closed. */
	Stream<StreamEvent> stream() {
		return StreamSupport
			.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false)
			.onClose(this::close);
	}

	@Override
	public boolean hasNext() {
		while (this.ready.isEmpty() && this.position < this.end) {
			try {
				long reached = this.splitter.read(this.channel, this.position,
						Math.min(this.end, this.position + CHUNK), this.buffer, this::line);
				// No progress: the file is shorter than it was (truncated since); nothing
				// more to replay.
				this.position = (reached > this.position) ? reached : this.end;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return !this.ready.isEmpty();
	}

	@Override
	public StreamEvent next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		return this.ready.poll();
	}

	@Override
	public void close() {
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// read-only: nothing was lost
		}
	}

	private void line(String text, boolean truncated, long endOffset) {
		if (this.partial) {
			this.partial = false;
			return;
		}
		LogEntry entry = LogEntry.parse(text, truncated);
		if (this.filter.matches(entry)) {
			this.ready.add(this.events.line(entry, new LogCursor(this.fileId, endOffset).toString()));
		}
	}

	private static boolean endsLine(FileChannel channel, long offset) throws IOException {
		ByteBuffer previous = ByteBuffer.allocate(1);
		return channel.read(previous, offset) == 1 && previous.get(0) == '\n';
	}

}
