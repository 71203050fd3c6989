package dev.vigil.logs;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.vigil.InvalidRequestException;

/**
 * Reads a log file backwards, newest line first, in fixed-size chunks: memory per call is
 * one chunk plus one line head, whatever the size of the file. Serves the history pages
 * of the viewer and the backfill of the live stream.
 *
 * <p>
 * Lines are cut as the tailer's {@link LineSplitter} cuts them, so history, backfill and
 * live lines agree: {@code \n} ends a line (a trailing {@code \r} is dropped), bytes are
 * decoded as UTF-8 with invalid sequences replaced, a line longer than {@code maxLine}
 * keeps its first {@code maxLine} bytes and is flagged truncated, and an empty line is an
 * (empty) unknown entry like any non-JSON line.
 */
@Component
class LogHistory {

	private static final Logger log = LoggerFactory.getLogger(LogHistory.class);

	/** Bytes per positional read. */
	static final int CHUNK = 64 * 1024;

	/**
	 * Bytes one call may examine before it returns what it has: a rare search on a large
	 * file then costs the client more round trips instead of pinning a request thread.
	 */
	static final long SCAN_BUDGET = 16L * 1024 * 1024;

	private final int chunkSize;

	private final int maxLine;

	private final long scanBudget;

	@Autowired
	LogHistory(LogsProperties properties) {
		this(properties, CHUNK, SCAN_BUDGET);
	}

	/** Small chunks and budgets let tests put boundaries anywhere. */
	LogHistory(LogsProperties properties, int chunkSize, long scanBudget) {
		this.chunkSize = Math.max(1, chunkSize);
		// +1 below reads one byte past the limit; keep the arithmetic inside an int.
		this.maxLine = (int) Math.max(1, Math.min(Integer.MAX_VALUE - 16, properties.maxLine().toBytes()));
		this.scanBudget = Math.max(1, scanBudget);
	}

	/**
	 * One page of history.
	 *
	 * @param lines matching entries with their end offsets, newest first
	 * @param next where the following page ends (pass it as {@code before}), or
	 * {@code null} when the start of the file was reached
	 */
	record Page(List<Line> lines, @Nullable Long next) {

		List<LogEntry> entries() {
			return this.lines.stream().map(Line::entry).toList();
		}

	}

	/**
	 * A line read for the live stream.
	 *
	 * @param endOffset the file offset just after its {@code \n}, where the tailer would
	 * be after it
	 */
	record Line(LogEntry entry, long endOffset) {
	}

	/**
	 * Up to {@code limit} matching entries from the lines before byte offset
	 * {@code before} ({@code null}: the end of the file), newest first. An unterminated
	 * last line is included: the file may simply not end with a newline.
	 * @throws InvalidRequestException when {@code before} is beyond the end of the file
	 * @throws NoSuchFileException when the file does not exist
	 */
	Page page(Path file, @Nullable Long before, LogFilter filter, int limit) throws IOException {
		return page(file, EntryRules.of(LogFormat.AUTO), before, filter, limit);
	}

	/**
	 * Up to {@code limit} matching entries, joined by {@code rules}, from the lines
	 * before byte offset {@code before}; {@code next} is always the start of an entry.
	 */
	Page page(Path file, EntryRules rules, @Nullable Long before, LogFilter filter, int limit) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			if (before != null && (before < 0 || before > size)) {
				throw new InvalidRequestException("invalid cursor");
			}
			long end = (before != null) ? before : size;
			Scan scan = new Scan(channel, rules, filter, limit);
			Long next = scan.run(end, false);
			return new Page(List.copyOf(scan.lines), next);
		}
	}

	/**
	 * The {@code n} most recent matching lines that end (with their {@code \n}) at or
	 * before {@code endOffset}, oldest first: the backfill a live stream sends before it
	 * continues from {@code endOffset}. Bytes after the last newline are a line still
	 * being written and are left to the tailer. Bounded by the same scan budget as a
	 * page, so it may return fewer than {@code n} on a rare filter. Best effort: a file
	 * that is gone or unreadable has nothing to backfill, and the live lines still
	 * follow.
	 */
	List<Line> lastMatching(Path file, long endOffset, LogFilter filter, int n) {
		return lastMatching(file, EntryRules.of(LogFormat.AUTO), endOffset, filter, n);
	}

	List<Line> lastMatching(Path file, EntryRules rules, long endOffset, LogFilter filter, int n) {
		if (n <= 0) {
			return List.of();
		}
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long end = Math.max(0, Math.min(endOffset, channel.size()));
			Scan scan = new Scan(channel, rules, filter, n);
			scan.run(end, true);
			Collections.reverse(scan.lines);
			return scan.lines;
		}
		catch (IOException ex) {
			log.debug("no backfill from {}", file, ex);
			return List.of();
		}
	}

	/** One backward pass; not thread-safe, one per call. */
	private final class Scan {

		private final FileChannel channel;

		private final EntryRules rules;

		private final LogFilter filter;

		private final int limit;

		/** Matching entries, newest first. */
		final List<Line> lines = new ArrayList<>();

		/**
		 * Continuation lines read (backwards) whose entry start is not reached yet,
		 * oldest first.
		 */
		private final ArrayDeque<Piece> continuations = new ArrayDeque<>();

		/** Characters in {@link #continuations}. */
		private long held;

		private final ByteBuffer chunk;

		/** File offset of the first byte in {@link #chunk}. */
		private long chunkStart;

		/**
		 * The head of a line that crosses a chunk boundary; allocated when first needed.
		 */
		private byte @Nullable [] head;

		Scan(FileChannel channel, EntryRules rules, LogFilter filter, int limit) {
			this.channel = channel;
			this.rules = rules;
			this.filter = filter;
			this.limit = Math.max(1, limit);
			this.chunk = ByteBuffer.allocate(LogHistory.this.chunkSize);
		}

		/**
		 * @param end exclusive end of the region to read
		 * @param completeOnly whether to drop the bytes after the last newline before
		 * {@code end}
		 * @return the cursor for the next page: the start of the oldest line examined, or
		 * {@code null} at the start of the file
		 */
		@Nullable Long run(long end, boolean completeOnly) throws IOException {
			long lineEnd = end;
			boolean tail = true;
			long examined = 0;
			long position = end;
			while (position > 0) {
				int length = (int) Math.min(LogHistory.this.chunkSize, position);
				this.chunkStart = position - length;
				readFully(this.chunk, this.chunkStart, length);
				byte[] bytes = this.chunk.array();
				examined += length;
				for (int i = length - 1; i >= 0; i--) {
					if (bytes[i] != '\n') {
						continue;
					}
					long lineStart = this.chunkStart + i + 1;
					if (!tail) {
						emit(lineStart, lineEnd, lineEnd + 1);
					}
					else if (!completeOnly && lineEnd > lineStart) {
						// an unterminated last line: the file may simply not end with a
						// newline
						emit(lineStart, lineEnd, lineEnd);
					}
					tail = false;
					lineEnd = lineStart - 1;
					// Stop only between entries, so the cursor always names an entry
					// start and the next page continues strictly before it.
					// (And never before the first line: a page must make progress.)
					if (this.continuations.isEmpty() && lineStart < end
							&& (this.lines.size() >= this.limit || examined >= LogHistory.this.scanBudget)) {
						return lineStart;
					}
				}
				position = this.chunkStart;
			}
			if (!tail) {
				emit(0, lineEnd, lineEnd + 1);
			}
			else if (!completeOnly && lineEnd > 0) {
				emit(0, lineEnd, lineEnd);
			}
			if (!this.continuations.isEmpty()) {
				// The file starts inside an entry (its start was rotated away): read
				// forward, its first line would start one.
				Piece first = this.continuations.pollFirst();
				joined(first.text(), first.truncated(), first.endOffset());
			}
			return null;
		}

		/**
		 * One line, read backwards. A continuation waits for the line that starts its
		 * entry; an entry start completes the entry with them.
		 */
		private void line(String text, boolean truncated, long endOffset) {
			if (this.rules.continues().test(text)) {
				this.continuations.addFirst(new Piece(text, truncated, endOffset));
				this.held += text.length();
				if (this.continuations.size() >= 4 * LogsProperties.MAX_ENTRY_LINES
						|| this.held > 16L * LogHistory.this.maxLine) {
					// Far more than any entry joins, with no start in sight (not a log
					// of entries): let them go as lines, so that memory and the scan stay
					// bounded.
					while (!this.continuations.isEmpty()) {
						Piece newest = this.continuations.pollLast();
						add(this.rules.parser().parse(newest.text(), newest.truncated()), newest.endOffset());
					}
					this.held = 0;
				}
				return;
			}
			if (this.continuations.isEmpty()) {
				add(this.rules.parser().parse(text, truncated), endOffset);
				return;
			}
			if (this.rules.joinable().test(text)) {
				joined(text, truncated, endOffset);
				return;
			}
			// An entry that is never continued: each continuation line is an entry of its
			// own, as the tailer delivers them.
			LogEntry start = this.rules.parser().parse(text, truncated);
			this.held = 0;
			while (!this.continuations.isEmpty()) {
				Piece piece = this.continuations.pollLast();
				add(EntryRules.continuation(piece.text(), piece.truncated(), start), piece.endOffset());
			}
			add(start, endOffset);
		}

		/**
		 * The entry that starts with this line and goes on with the continuations held
		 * (up to the line cap: later ones are entries of their own, as read forward).
		 */
		private void joined(String first, boolean firstTruncated, long firstEnd) {
			List<Piece> pieces = new ArrayList<>(this.continuations);
			this.continuations.clear();
			this.held = 0;
			int joined = Math.min(pieces.size(), LogsProperties.MAX_ENTRY_LINES - 1);
			StringBuilder text = new StringBuilder(first);
			boolean truncated = firstTruncated;
			int maxChars = LogHistory.this.maxLine;
			for (int i = 0; i < joined; i++) {
				Piece piece = pieces.get(i);
				if (text.length() >= maxChars) {
					truncated = true;
					continue;
				}
				text.append('\n');
				int room = maxChars - text.length();
				if (piece.text().length() > room) {
					text.append(piece.text(), 0, Math.max(0, room));
					truncated = true;
				}
				else {
					text.append(piece.text());
					truncated |= piece.truncated();
				}
			}
			LogEntry entry = this.rules.parser().parse(text.toString(), truncated);
			for (int i = pieces.size() - 1; i >= joined; i--) {
				Piece piece = pieces.get(i);
				add(EntryRules.continuation(piece.text(), piece.truncated(), entry), piece.endOffset());
			}
			add(entry, (joined > 0) ? pieces.get(joined - 1).endOffset() : firstEnd);
		}

		/**
		 * @param start offset of the line's first byte
		 * @param end offset of its terminator (or of the end of the region)
		 * @param endOffset offset after the terminator
		 */
		private void emit(long start, long end, long endOffset) throws IOException {
			long length = end - start;
			if (length == 0) {
				line("", false, endOffset);
				return;
			}
			int maxLine = LogHistory.this.maxLine;
			// One byte past the limit tells a line of exactly maxLine bytes plus \r from
			// a longer one.
			int wanted = (int) Math.min(length, maxLine + 1L);
			byte[] bytes;
			int offset;
			if (start >= this.chunkStart && start + wanted <= this.chunkStart + this.chunk.limit()) {
				bytes = this.chunk.array();
				offset = (int) (start - this.chunkStart);
			}
			else {
				// The line crosses into a chunk already passed. Its head, the part we
				// keep, is the last part
				// a backward scan reaches, so re-read just the head rather than
				// accumulate the line.
				if (this.head == null) {
					this.head = new byte[maxLine + 1];
				}
				readFully(ByteBuffer.wrap(this.head), start, wanted);
				bytes = this.head;
				offset = 0;
			}
			int size;
			boolean truncated;
			if (length <= maxLine + 1L) {
				size = wanted;
				if (bytes[offset + size - 1] == '\r') {
					size--;
				}
				truncated = size > maxLine;
			}
			else {
				size = wanted;
				truncated = true;
			}
			if (truncated) {
				// A character cut at the limit decodes as U+FFFD, as in the tailer.
				size = maxLine;
			}
			line(new String(bytes, offset, size, StandardCharsets.UTF_8), truncated, endOffset);
		}

		private record Piece(String text, boolean truncated, long endOffset) {
		}

		private void add(LogEntry entry, long endOffset) {
			if (this.filter.matches(entry)) {
				this.lines.add(new Line(entry, endOffset));
			}
		}

		private void readFully(ByteBuffer buffer, long position, int length) throws IOException {
			buffer.clear().limit(length);
			while (buffer.hasRemaining()) {
				int read = this.channel.read(buffer, position + buffer.position());
				if (read < 0) {
					// Shrunk under us (truncated rather than rotated): the caller sees an
					// I/O error.
					throw new EOFException("log file shrank while reading");
				}
			}
			buffer.flip();
		}

	}

}
