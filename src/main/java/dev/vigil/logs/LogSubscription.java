package dev.vigil.logs;

import dev.vigil.stream.StreamSubscriber;

/**
 * One live log client: its stream and its current filter (swapped under the tailer's
 * lock).
 */
final class LogSubscription {

	final StreamSubscriber subscriber;

	volatile LogFilter filter;

	volatile LogTailer tailer;

	LogSubscription(StreamSubscriber subscriber, LogFilter filter) {
		this.subscriber = subscriber;
		this.filter = filter;
	}

}
