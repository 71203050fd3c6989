package dev.vigil.logs;

import org.jspecify.annotations.Nullable;

/**
 * Joins lines read forward into entries: a line its rules call a continuation joins the
 * entry before it (a stack trace after its message), up to
 * {@link LogsProperties#MAX_ENTRY_LINES} lines and {@code maxChars} characters of text.
 * An entry is delivered when the next entry starts, at once when it can never be
 * continued, or when its reader says no more is coming ({@link #flush}). Not thread-safe:
 * one per reader.
 */
final class EntryAssembler {

	/**
	 * Receives each entry, the file offset of its first byte (counted from where
	 * {@link #startAt} said the lines start; readers that only need ends do not say) and
	 * the offset just after its last line.
	 */
	interface Sink {

		void entry(LogEntry entry, long startOffset, long endOffset);

	}

	private final EntryRules rules;

	private final int maxChars;

	private final StringBuilder text = new StringBuilder();

	/** Lines of the entry being assembled; 0 when there is none. */
	private int lines;

	private boolean truncated;

	private long startOffset;

	private long endOffset;

	/** Where the next line fed starts: the end of the line before it. */
	private long lineStart;

	/** The last entry delivered, whose level an orphaned continuation line takes. */
	private @Nullable LogEntry last;

	EntryAssembler(EntryRules rules, int maxChars) {
		this.rules = rules;
		this.maxChars = Math.max(1, maxChars);
	}

	/** Feeds one line (as {@link LineSplitter} cut it). */
	void line(String line, boolean truncated, long endOffset, Sink sink) {
		long start = this.lineStart;
		this.lineStart = endOffset;
		boolean continuation = this.rules.continues().test(line);
		if (continuation && this.lines > 0 && this.lines < LogsProperties.MAX_ENTRY_LINES) {
			append(line, truncated);
			this.lines++;
			this.endOffset = endOffset;
			return;
		}
		flush(sink);
		if (continuation && this.last != null) {
			deliver(EntryRules.continuation(line, truncated, this.last), start, endOffset, sink);
			return;
		}
		this.text.append(line);
		this.truncated = truncated;
		this.lines = 1;
		this.startOffset = start;
		this.endOffset = endOffset;
		if (!this.rules.joinable().test(line)) {
			flush(sink);
		}
	}

	/** Whether an entry is waiting for lines that may continue it. */
	boolean holding() {
		return this.lines > 0;
	}

	/** Delivers the entry being assembled, if any. */
	void flush(Sink sink) {
		if (this.lines == 0) {
			return;
		}
		LogEntry entry = this.rules.parser().parse(this.text.toString(), this.truncated);
		long start = this.startOffset;
		long end = this.endOffset;
		clear();
		deliver(entry, start, end, sink);
	}

	/** Forgets the entry being assembled and the last one (a new file starts). */
	void reset() {
		startAt(0, null);
	}

	/**
	 * Forgets the entry being assembled: the next line fed starts at {@code offset},
	 * right after {@code previous} (the entry that ends there, if known), so that a
	 * continuation line there is the entry of its own it is when read from the file's
	 * start.
	 */
	void startAt(long offset, @Nullable LogEntry previous) {
		clear();
		this.last = previous;
		this.lineStart = offset;
	}

	private void clear() {
		this.text.setLength(0);
		this.lines = 0;
		this.truncated = false;
	}

	private void deliver(LogEntry entry, long startOffset, long endOffset, Sink sink) {
		this.last = entry;
		sink.entry(entry, startOffset, endOffset);
	}

	private void append(String line, boolean cut) {
		if (this.text.length() >= this.maxChars) {
			this.truncated = true;
			return;
		}
		this.text.append('\n');
		int room = this.maxChars - this.text.length();
		if (line.length() > room) {
			this.text.append(line, 0, Math.max(0, room));
			this.truncated = true;
		}
		else {
			this.text.append(line);
			this.truncated |= cut;
		}
	}

}
