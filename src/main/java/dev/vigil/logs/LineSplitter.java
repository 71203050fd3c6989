package dev.vigil.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Cuts bytes read forward from a file into lines: {@code \n} ends a line (a preceding
 * {@code \r} is dropped), a partial last line waits for more bytes, invalid UTF-8 becomes
 * U+FFFD, and a line longer than the limit keeps its first bytes and is flagged, without
 * ever buffering more than the limit.
 */
final class LineSplitter {

	/** Receives each complete line and the file offset just after its terminator. */
	interface Sink {

		void line(String text, boolean truncated, long endOffset);

	}

	/**
	 * One byte over the limit, so a {@code \r} right after a full-length line is not
	 * mistaken for more text.
	 */
	private final byte[] line;

	private final int maxLine;

	private int length;

	private boolean truncated;

	LineSplitter(int maxLine) {
		this.maxLine = maxLine;
		this.line = new byte[maxLine + 1];
	}

	/**
	 * Reads {@code channel} from {@code from} up to {@code to} (or its end, if sooner)
	 * through {@code buffer}, feeding every byte; returns the offset reached.
	 */
	long read(FileChannel channel, long from, long to, ByteBuffer buffer, Sink sink) throws IOException {
		long position = from;
		while (position < to) {
			buffer.clear().limit((int) Math.min(buffer.capacity(), to - position));
			int read = channel.read(buffer, position);
			if (read <= 0) {
				break;
			}
			buffer.flip();
			feed(buffer, position, sink);
			position += read;
		}
		return position;
	}

	/**
	 * Feeds {@code bytes} (position to limit) that were read at file offset
	 * {@code offset}.
	 */
	void feed(ByteBuffer bytes, long offset, Sink sink) {
		int start = bytes.position();
		for (int i = start; i < bytes.limit(); i++) {
			byte b = bytes.get(i);
			if (b == '\n') {
				emit(sink, offset + (i - start) + 1);
			}
			else if (this.length < this.line.length) {
				this.line[this.length++] = b;
			}
			else {
				this.truncated = true;
			}
		}
	}

	/** Emits a partial line as complete (its file will get no more bytes). */
	void flush(Sink sink, long endOffset) {
		if (this.length > 0 || this.truncated) {
			emit(sink, endOffset);
		}
	}

	void reset() {
		this.length = 0;
		this.truncated = false;
	}

	private void emit(Sink sink, long endOffset) {
		int end = this.length;
		boolean cut = this.truncated;
		if (!cut && end > 0 && this.line[end - 1] == '\r') {
			end--;
		}
		if (end > this.maxLine) {
			end = this.maxLine;
			cut = true;
		}
		String text = new String(this.line, 0, end, StandardCharsets.UTF_8);
		reset();
		sink.line(text, cut, endOffset);
	}

}
