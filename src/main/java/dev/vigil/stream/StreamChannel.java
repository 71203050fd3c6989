package dev.vigil.stream;

import dev.vigil.auth.CurrentAdmin;

/**
 * What a feature tells the stream core about one of its streams. The core does
 * transports, queues, heartbeats, caps, resume plumbing and metrics; the channel says who
 * gets what. Events reach a connection in one of two ways: a {@link HubChannel}'s through
 * the {@link Hub}, by key; any other channel's from the channel itself, which keeps each
 * {@link StreamSubscriber} in its state {@code S} and offers to it (the log tailer).
 *
 * <p>
 * A connection's life in its channel: {@link #opened} (after its hub subscription, if
 * any), then {@link #replay} on its delivery thread, sent before any live event, then
 * live events, with the ones the replay already covered dropped; {@link #message} for
 * what a WebSocket client sends; {@link #closed} exactly once if and only if it was
 * opened.
 *
 * @param <S> what the channel keeps per subscriber
 */
public interface StreamChannel<S> {

	/** Stream name, used as hub topic and metric tag (for example {@code logs}). */
	String name();

	/**
	 * A connection was admitted (and subscribed to the hub, for a {@link HubChannel});
	 * returns its state, handed back to the other methods. Called while the client waits:
	 * no slow I/O here, that belongs in the {@link #replay}.
	 */
	S opened(StreamSubscriber subscriber);

	/**
	 * What the connection sends before live events: the initial state, and on resume what
	 * was missed since the subscriber's cursor. Called once, after {@link #opened}, on
	 * the connection's delivery thread, so it may do I/O; the replay is read a chunk at a
	 * time as the client takes it and closed after.
	 */
	Replay replay(S state);

	/** A text message from a WebSocket client (already rate-limited and size-limited). */
	default void message(S state, String text) {
	}

	/**
	 * Whether this subscriber may still have the stream, judged for {@code admin} as
	 * their role stands now; asked after a role changed, and a connection it refuses
	 * closes (WebSocket 1008, SSE completes). The stream core knows nothing of what is
	 * checked.
	 */
	default boolean permits(StreamSubscriber subscriber, CurrentAdmin admin) {
		return true;
	}

	/** A connection that was opened ended (any way); called once. */
	default void closed(S state) {
	}

	/** What happens when a subscriber's queue is full. */
	default Overflow overflow() {
		return Overflow.CLOSE;
	}

	/**
	 * Events buffered per subscriber before the overflow policy applies; 0 for the
	 * configured default.
	 */
	default int queueSize() {
		return 0;
	}

	/** The marker sent after events were skipped under {@link Overflow#SKIP}. */
	default StreamEvent skipped(long count) {
		throw new UnsupportedOperationException(name() + " does not skip events");
	}

	/** SSE {@code retry:} advice in milliseconds. */
	default int retryMillis() {
		return 5000;
	}

	/** Overflow policies; neither is silent. */
	enum Overflow {

		/**
		 * Close the connection (WebSocket 1013, SSE complete); the client resumes from
		 * its cursor.
		 */
		CLOSE,

		/**
		 * Drop events while the queue is full, then send one
		 * {@link StreamChannel#skipped} marker.
		 */
		SKIP

	}

}
