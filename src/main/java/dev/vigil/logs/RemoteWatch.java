package dev.vigil.logs;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.vigil.stream.StreamEvent;
import dev.vigil.stream.StreamSubscriber;

/**
 * A client of this instance watching another instance's log: the events that instance
 * relays for it go to the client's connection as they come, on the bus's thread (offers
 * never block). A gap in their numbering (the bus lost a message) reaches the client as
 * {@code skipped}, as when it cannot keep up itself.
 */
final class RemoteWatch implements LogFeed {

	final String watchId;

	final String target;

	final StreamSubscriber subscriber;

	private final LogEvents events;

	private final AtomicBoolean ended = new AtomicBoolean();

	/** The number of the next event expected; only the bus's thread uses it. */
	private long expected;

	RemoteWatch(String watchId, String target, StreamSubscriber subscriber, LogEvents events) {
		this.watchId = watchId;
		this.target = target;
		this.subscriber = subscriber;
		this.events = events;
	}

	void received(LogRelayWire.Lines lines) {
		if (this.ended.get()) {
			return;
		}
		if (lines.end() != null) {
			end("ended", lines.end());
			return;
		}
		long from = lines.from();
		int skip = 0;
		if (from > this.expected) {
			this.subscriber.offer(this.events.skipped(from - this.expected));
		}
		else if (from < this.expected) {
			// Already delivered (never expected from pub/sub, but cheap to be sure).
			skip = (int) Math.min(lines.events().size(), this.expected - from);
		}
		for (int i = skip; i < lines.events().size(); i++) {
			LogRelayWire.Event event = lines.events().get(i);
			StreamEvent streamEvent = event.toStreamEvent();
			if (event.control()) {
				this.subscriber.offerControl(streamEvent);
			}
			else {
				this.subscriber.offer(streamEvent);
			}
		}
		this.expected = Math.max(this.expected, from + lines.events().size());
	}

	/**
	 * Tells the client why and ends its stream once what came before is sent; false when
	 * it had ended already.
	 */
	boolean end(String status, String message) {
		if (!this.ended.compareAndSet(false, true)) {
			return false;
		}
		this.subscriber.offerControl(this.events.instance(this.target, status, message));
		this.subscriber.finish();
		return true;
	}

	boolean ended() {
		return this.ended.get();
	}

}
