package dev.vigil.stream;

import java.util.List;

import dev.vigil.auth.CurrentAdmin;

/**
 * What a feature tells the stream core about one of its streams. The core does
 * transports, queues, heartbeats, caps, resume plumbing and metrics; the channel says who
 * gets what.
 */
public interface StreamChannel {

	/**
	 * Stream name, used as hub topic and metric tag (for example {@code notifications}).
	 */
	String name();

	/**
	 * The hub key a connection of this admin subscribes to (for example the admin id).
	 */
	Object key(CurrentAdmin admin);

	/**
	 * Events a new connection gets before live ones: the initial state, and on resume
	 * what was missed since {@code cursor} (null for a fresh connect). Called after the
	 * connection is subscribed, so nothing published meanwhile is lost; live events with
	 * a {@code seq} at or below the last backlog event's are dropped as duplicates.
	 */
	List<StreamEvent> backlog(CurrentAdmin admin, String cursor);

	/**
	 * The {@code seq} a resuming client already has, from its cursor, or -1 when the
	 * cursor is not honoured. Live events at or below it are dropped: one published just
	 * before the connection subscribed may still be fanned out to it, though the client
	 * saw it on its previous connection.
	 */
	default long resumedAt(String cursor) {
		return -1;
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

	/**
	 * A connection was admitted and subscribed to the hub; it goes live after this
	 * returns.
	 */
	default void opened(StreamSubscriber subscriber) {
	}

	/** A connection ended (any way); called once. */
	default void closed(StreamSubscriber subscriber) {
	}

	/** A text message from a WebSocket client (already rate-limited and size-limited). */
	default void message(StreamSubscriber subscriber, String text) {
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
