package dev.vigil.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import dev.vigil.stream.Replay;
import dev.vigil.stream.StreamEvent;

/**
 * The matching entries (lines joined as the source's format says) of one log file between
 * two offsets, read forward 64 KB at a time as its client takes them: a resume far behind
 * holds one chunk, whatever the gap. A start inside a line (a cursor not made by us)
 * skips to the next line start, so a fragment never becomes an entry. A read failing
 * midway ends the replay with the error: the connection closes and its client resumes
 * from the last line it got.
 */
final class LogReplay implements Replay {

	private static final int CHUNK = 64 * 1024;

	private final FileChannel channel;

	private final long fileId;

	private final long end;

	private final LogFilter filter;

	private final LogEvents events;

	private final LineSplitter splitter;

	private final EntryAssembler assembler;

	private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK);

	/** The matching lines of the chunk being read. */
	private List<StreamEvent> ready = new ArrayList<>();

	private long position;

	/**
	 * Whether the first line read is the end of one that started before
	 * {@link #position}.
	 */
	private boolean partial;

	private LogReplay(FileChannel channel, long fileId, long from, long to, EntryRules rules, LogFilter filter,
			LogEvents events, int maxLine) throws IOException {
		this.channel = channel;
		this.fileId = fileId;
		this.position = from;
		this.end = to;
		this.filter = filter;
		this.events = events;
		this.splitter = new LineSplitter(maxLine);
		this.assembler = new EntryAssembler(rules, maxLine);
		this.partial = from > 0 && !endsLine(channel, from - 1);
	}

	/**
	 * Opens {@code file} (whose identity is {@code fileId}) for the lines between
	 * {@code from} and {@code to}.
	 */
	static LogReplay open(Path file, long fileId, long from, long to, EntryRules rules, LogFilter filter,
			LogEvents events, int maxLine) throws IOException {
		FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
		try {
			return new LogReplay(channel, fileId, from, to, rules, filter, events, maxLine);
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	/**
	 * The matching lines of the next chunks read, as soon as there are some; empty at the
	 * end.
	 */
	@Override
	public List<StreamEvent> next() throws IOException {
		while (this.ready.isEmpty() && this.position < this.end) {
			long reached = this.splitter.read(this.channel, this.position, Math.min(this.end, this.position + CHUNK),
					this.buffer, this::line);
			// No progress: the file is shorter than it was (truncated since); nothing
			// more
			// to replay.
			this.position = (reached > this.position) ? reached : this.end;
			if (this.position >= this.end) {
				// The end is where the tailer was: after a whole entry.
				this.assembler.flush(this::entry);
			}
		}
		List<StreamEvent> chunk = this.ready;
		this.ready = new ArrayList<>();
		return chunk;
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
		this.assembler.line(text, truncated, endOffset, this::entry);
	}

	private void entry(LogEntry entry, long startOffset, long endOffset) {
		if (this.filter.matches(entry)) {
			this.ready.add(this.events.line(entry, new LogCursor(this.fileId, endOffset).toString()));
		}
	}

	private static boolean endsLine(FileChannel channel, long offset) throws IOException {
		ByteBuffer previous = ByteBuffer.allocate(1);
		return channel.read(previous, offset) == 1 && previous.get(0) == '\n';
	}

}
