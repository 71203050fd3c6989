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

	/** Receives each entry and the file offset just after its last line. */
	interface Sink {

		void entry(LogEntry entry, long endOffset);

	}

	private final EntryRules rules;

	private final int maxChars;

	private final StringBuilder text = new StringBuilder();

	/** Lines of the entry being assembled; 0 when there is none. */
	private int lines;

	private boolean truncated;

	private long endOffset;

	/** The last entry delivered, whose level an orphaned continuation line takes. */
	private @Nullable LogEntry last;

	EntryAssembler(EntryRules rules, int maxChars) {
		this.rules = rules;
		this.maxChars = Math.max(1, maxChars);
	}

	/** Feeds one line (as {@link LineSplitter} cut it). */
	void line(String line, boolean truncated, long endOffset, Sink sink) {
		boolean continuation = this.rules.continues().test(line);
		if (continuation && this.lines > 0 && this.lines < LogsProperties.MAX_ENTRY_LINES) {
			append(line, truncated);
			this.lines++;
			this.endOffset = endOffset;
			return;
		}
		flush(sink);
		if (continuation && this.last != null) {
			deliver(EntryRules.continuation(line, truncated, this.last), endOffset, sink);
			return;
		}
		this.text.append(line);
		this.truncated = truncated;
		this.lines = 1;
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
		long end = this.endOffset;
		clear();
		deliver(entry, end, sink);
	}

	/** Forgets the entry being assembled and the last one (a new file starts). */
	void reset() {
		clear();
		this.last = null;
	}

	private void clear() {
		this.text.setLength(0);
		this.lines = 0;
		this.truncated = false;
	}

	private void deliver(LogEntry entry, long endOffset, Sink sink) {
		this.last = entry;
		sink.entry(entry, endOffset);
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
