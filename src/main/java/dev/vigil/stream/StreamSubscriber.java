package dev.vigil.stream;

import org.jspecify.annotations.Nullable;

import dev.vigil.auth.CurrentAdmin;

/**
 * One open stream as a feature sees it: who opened it, with which request parameters, and
 * non-blocking ways to hand it events. A {@link HubChannel}'s subscribers get their live
 * events from the {@link Hub}; other channels offer to the subscribers they keep.
 */
public interface StreamSubscriber {

	CurrentAdmin admin();

	/** The resume cursor ({@code Last-Event-ID} or {@code ?since=}), or null. */
	@Nullable String cursor();

	/** A query parameter of the request that opened the stream, or null. */
	@Nullable String parameter(String name);

	/**
	 * Queues an event without blocking; a full queue applies the channel's overflow
	 * policy.
	 */
	void offer(StreamEvent event);

	/**
	 * Queues an event that must not be lost to overflow (acknowledgements): it may exceed
	 * the queue's bound by a little, which the client's message rate limit keeps small.
	 */
	void offerControl(StreamEvent event);

	/**
	 * Queues a replay at this point of the stream, like a control event: its events are
	 * read and sent by the connection's delivery when its turn comes, after everything
	 * queued before it and before everything queued after.
	 */
	void replay(Replay replay);

	/**
	 * Ends the stream from the channel's side once what is queued before it is sent, as a
	 * control event would be: what it shows is gone (a log watched on another instance
	 * that stopped). WebSocket closes with 1011 {@code source_gone}, SSE completes.
	 */
	void finish();

}
