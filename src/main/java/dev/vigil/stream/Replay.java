package dev.vigil.stream;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a subscriber missed, or the state it starts from, sent by its connection's own
 * delivery: the first replay before any live event ({@link StreamChannel#replay}), a
 * later one at its place in the stream ({@link StreamSubscriber#replay}). It is read one
 * bounded chunk at a time, the next only once the previous one is written, so a long
 * replay to a slow client holds one chunk whatever the gap. It may do I/O: only its own
 * client waits. The connection closes it when it is done, failed, or the stream ended.
 */
public interface Replay extends AutoCloseable {

	/**
	 * The next events in order, a bounded chunk of them; empty when the replay is over. A
	 * failure closes the connection, and its client resumes from the last event it got.
	 */
	List<StreamEvent> next() throws IOException;

	/**
	 * The {@code seq} the client already has from its cursor, or -1. Live events at or
	 * below it, or below the last {@code seq} replayed, are dropped: one published just
	 * before the connection subscribed may still reach it, though the client has it.
	 */
	default long resumedAt() {
		return -1;
	}

	@Override
	default void close() {
	}

	/** Nothing to send. */
	static Replay none() {
		return of(List.of());
	}

	/** Events already at hand, in one chunk. */
	static Replay of(List<StreamEvent> events) {
		return after(-1, events);
	}

	/** Events already at hand for a client that has everything up to {@code seq}. */
	static Replay after(long seq, List<StreamEvent> events) {
		return once(seq, () -> events);
	}

	/** One chunk, read when the delivery reaches it (not when the replay is queued). */
	static Replay lazy(Supplier<List<StreamEvent>> events) {
		return once(-1, events);
	}

	/** The parts one after the other; closing it closes them all. */
	static Replay concat(Replay... parts) {
		return new Replay() {

			private int current;

			@Override
			public List<StreamEvent> next() throws IOException {
				while (this.current < parts.length) {
					List<StreamEvent> chunk = parts[this.current].next();
					if (!chunk.isEmpty()) {
						return chunk;
					}
					parts[this.current++].close();
				}
				return List.of();
			}

			@Override
			public void close() {
				for (Replay part : parts) {
					part.close();
				}
			}

		};
	}

	private static Replay once(long resumedAt, Supplier<List<StreamEvent>> events) {
		return new Replay() {

			private boolean sent;

			@Override
			public List<StreamEvent> next() {
				if (this.sent) {
					return List.of();
				}
				this.sent = true;
				return events.get();
			}

			@Override
			public long resumedAt() {
				return resumedAt;
			}

		};
	}

}
