package dev.vigil.logs;

import dev.vigil.stream.StreamSubscriber;

/**
 * One live log client, the log channel's state for it: its stream, the tailer that feeds
 * it, its current filter (swapped under the tailer's lock), and where and with which
 * filter it started, which its first replay ends at.
 */
final class LogSubscription implements LogFeed {

	final StreamSubscriber subscriber;

	final LogTailer tailer;

	final LogTailer.Anchor start;

	final LogFilter startFilter;

	volatile LogFilter filter;

	LogSubscription(StreamSubscriber subscriber, LogTailer tailer, LogTailer.Anchor start, LogFilter filter) {
		this.subscriber = subscriber;
		this.tailer = tailer;
		this.start = start;
		this.startFilter = filter;
		this.filter = filter;
	}

}
