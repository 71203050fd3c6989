package dev.vigil.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.vigil.auth.CurrentAdmin;
import dev.vigil.stream.StreamChannel;
import dev.vigil.stream.StreamEvent;
import dev.vigil.stream.StreamSubscriber;

/**
 * The live log stream. Subscribers are fed by the shared {@link LogTailer}, each through
 * its own filter. What a client gets before live lines (resume replay, {@code ?backlog=},
 * the backfill after a filter change) is read from the files on that client's delivery
 * thread and ends exactly where its live lines begin; a replay is read a chunk at a time
 * as the client takes it. A client that cannot keep up loses live lines and is told how
 * many ({@code skipped}).
 */
@Component
class LogChannel implements StreamChannel {

	private static final Logger log = LoggerFactory.getLogger(LogChannel.class);

	static final String NAME = "logs";

	/**
	 * Deep enough for bursts of a busy log; the events themselves are shared, so this
	 * costs references.
	 */
	private static final int QUEUE_SIZE = 4096;

	private final LogTailers tailers;

	private final LogFiles files;

	private final LogHistory history;

	private final LogEvents events;

	private final LogsProperties properties;

	private final JsonMapper json;

	LogChannel(LogTailers tailers, LogFiles files, LogHistory history, LogEvents events, LogsProperties properties,
			JsonMapper json) {
		this.tailers = tailers;
		this.files = files;
		this.history = history;
		this.events = events;
		this.properties = properties;
		this.json = json;
	}

	@Override
	public String name() {
		return NAME;
	}

	/** Not published through the hub: the tailer feeds each subscriber. */
	@Override
	public Object key(CurrentAdmin admin) {
		return NAME;
	}

	@Override
	public List<StreamEvent> backlog(CurrentAdmin admin, String cursor) {
		return List.of();
	}

	@Override
	public Overflow overflow() {
		return Overflow.SKIP;
	}

	@Override
	public int queueSize() {
		return QUEUE_SIZE;
	}

	@Override
	public StreamEvent skipped(long count) {
		return this.events.skipped(count);
	}

	@Override
	public void opened(StreamSubscriber subscriber) {
		LogFilter filter = LogFilter.of(subscriber.parameter("level"), subscriber.parameter("search"));
		int backlog = backlogSize(subscriber.parameter("backlog"));
		LogSubscription subscription = new LogSubscription(subscriber, filter);
		subscriber.attach(subscription);
		subscription.tailer = this.tailers.acquire(this.files.live());
		String cursor = subscriber.cursor();
		subscription.tailer.add(subscription,
				(anchor) -> StreamEvent.deferred(() -> first(cursor, filter, backlog, anchor)));
	}

	@Override
	public void closed(StreamSubscriber subscriber) {
		if (subscriber.attachment() instanceof LogSubscription subscription && subscription.tailer != null) {
			subscription.tailer.remove(subscription);
			this.tailers.release(subscription.tailer);
		}
	}

	/**
	 * {@code {"level":"error","search":"timeout"}}: new filters, acknowledged, then
	 * recent matching history.
	 */
	@Override
	public void message(StreamSubscriber subscriber, String text) {
		if (!(subscriber.attachment() instanceof LogSubscription subscription)) {
			return;
		}
		LogFilter filter;
		try {
			JsonNode message = this.json.readTree(text);
			if (!message.isObject()) {
				throw new IllegalArgumentException();
			}
			filter = LogFilter.of(textOf(message, "level"), textOf(message, "search"));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			subscriber.offerControl(this.events.error("expected {\"level\":\"…\",\"search\":\"…\"}"));
			return;
		}
		subscription.tailer.refilter(subscription, filter,
				(anchor) -> StreamEvent.deferred(() -> Stream.concat(Stream.of(this.events.filters(filter)),
						backfill(filter, anchor, this.properties.backfill()).stream())));
	}

	/** Validated by the controller before the stream opens; here only a safe fallback. */
	int backlogSize(String value) {
		if (value == null || value.isBlank()) {
			return 0;
		}
		try {
			int n = Integer.parseInt(value.trim());
			return (n >= 0 && n <= this.properties.maxBacklog()) ? n : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private Stream<StreamEvent> first(String cursor, LogFilter filter, int backlog, LogTailer.Anchor anchor) {
		if (cursor != null) {
			Optional<Stream<StreamEvent>> replay = LogCursor.parse(cursor).flatMap((c) -> replay(c, filter, anchor));
			if (replay.isPresent()) {
				return replay.get();
			}
			return Stream.concat(Stream.of(this.events.reset()),
					backfill(filter, anchor, Math.max(backlog, 0)).stream());
		}
		return backfill(filter, anchor, Math.max(backlog, 0)).stream();
	}

	/**
	 * The lines after {@code cursor} up to the anchor, from the file it names and, once
	 * rotated, the next; read lazily as the client takes them. Empty (reset) when the
	 * files are gone or the gap is over {@code max-replay}.
	 */
	private Optional<Stream<StreamEvent>> replay(LogCursor cursor, LogFilter filter, LogTailer.Anchor anchor) {
		if (cursor.file() == anchor.file()) {
			if (cursor.offset() > anchor.offset() || anchor.offset() - cursor.offset() > maxReplay()) {
				return Optional.empty();
			}
			return find(anchor.file())
				.flatMap((file) -> open(file, anchor.file(), cursor.offset(), anchor.offset(), filter))
				.map(LogReplay::stream);
		}
		if (cursor.file() != anchor.previousFile()) {
			return Optional.empty();
		}
		Optional<Path> previous = find(cursor.file());
		Optional<Path> current = find(anchor.file());
		if (previous.isEmpty() || current.isEmpty()) {
			return Optional.empty();
		}
		long previousEnd = size(previous.get());
		if (cursor.offset() > previousEnd || (previousEnd - cursor.offset()) + anchor.offset() > maxReplay()) {
			return Optional.empty();
		}
		Optional<LogReplay> rest = open(previous.get(), cursor.file(), cursor.offset(), previousEnd, filter);
		Optional<LogReplay> next = open(current.get(), anchor.file(), 0, anchor.offset(), filter);
		if (rest.isEmpty() || next.isEmpty()) {
			rest.ifPresent(LogReplay::close);
			next.ifPresent(LogReplay::close);
			return Optional.empty();
		}
		StreamEvent rotated = this.events.rotated(this.files.liveName(), "renamed");
		return Optional.of(Stream.concat(rest.get().stream(), Stream.concat(Stream.of(rotated), next.get().stream())));
	}

	private Optional<LogReplay> open(Path file, long fileId, long from, long to, LogFilter filter) {
		try {
			return Optional.of(LogReplay.open(file, fileId, from, to, filter, this.events,
					(int) this.properties.maxLine().toBytes()));
		}
		catch (IOException ex) {
			log.debug("cannot replay {}", file, ex);
			return Optional.empty();
		}
	}

	/**
	 * The last {@code n} matching lines before the anchor: current file first, then the
	 * previous one.
	 */
	private List<StreamEvent> backfill(LogFilter filter, LogTailer.Anchor anchor, int n) {
		if (n <= 0) {
			return List.of();
		}
		List<StreamEvent> lines = new ArrayList<>();
		Optional<Path> current = find(anchor.file());
		if (current.isPresent()) {
			lines.addAll(recent(current.get(), anchor.file(), anchor.offset(), filter, n));
		}
		Optional<Path> previous = (lines.size() < n) ? find(anchor.previousFile()) : Optional.empty();
		if (previous.isPresent()) {
			lines.addAll(0,
					recent(previous.get(), anchor.previousFile(), size(previous.get()), filter, n - lines.size()));
		}
		return lines;
	}

	private List<StreamEvent> recent(Path file, long fileId, long end, LogFilter filter, int n) {
		return this.history.lastMatching(file, end, filter, n)
			.stream()
			.map((line) -> this.events.line(line.entry(), new LogCursor(fileId, line.endOffset()).toString()))
			.toList();
	}

	private Optional<Path> find(long fileId) {
		return this.files.find(fileId);
	}

	private long maxReplay() {
		return this.properties.maxReplay().toBytes();
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private static String textOf(JsonNode message, String field) {
		JsonNode value = message.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new IllegalArgumentException();
		}
		return value.asString();
	}

}
