package dev.vigil.stream;

import dev.vigil.auth.CurrentAdmin;

/**
 * One open stream as a feature sees it: who opened it, with which request parameters, and
 * a non-blocking way to hand it events. Channels that feed their subscribers themselves
 * (the log tailer) get it in {@link StreamChannel#opened}; the others publish through the
 * {@link Hub}.
 */
public interface StreamSubscriber {

	CurrentAdmin admin();

	/** The resume cursor ({@code Last-Event-ID} or {@code ?since=}), or null. */
	String cursor();

	/** A query parameter of the request that opened the stream, or null. */
	String parameter(String name);

	/**
	 * Queues an event without blocking; a full queue applies the channel's overflow
	 * policy.
	 */
	void offer(StreamEvent event);

	/**
	 * Queues an event that must not be lost to overflow (acknowledgements, replays): it
	 * may exceed the queue's bound by a little, which the client's message rate limit
	 * keeps small.
	 */
	void offerControl(StreamEvent event);

	/** A place for the channel's per-subscriber state (for example the log filter). */
	Object attachment();

	void attach(Object attachment);

}
