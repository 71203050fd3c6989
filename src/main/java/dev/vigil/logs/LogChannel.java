package dev.vigil.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
 * The live log stream. Subscribers are fed by the shared {@link LogTailer}, each through its own
 * filter. What a client gets before live lines (resume replay, {@code ?backlog=}, the backfill after
 * a filter change) is read from the files on that client's delivery thread and ends exactly where its
 * live lines begin. A client that cannot keep up loses lines and is told how many ({@code skipped}).
 */
@Component
class LogChannel implements StreamChannel {

	private static final Logger log = LoggerFactory.getLogger(LogChannel.class);

	static final String NAME = "logs";

	/** Deep enough for bursts of a busy log; the events themselves are shared, so this costs references. */
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

	/** {@code {"level":"error","search":"timeout"}}: new filters, acknowledged, then recent matching history. */
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
		subscription.tailer.refilter(subscription, filter, (anchor) -> StreamEvent.deferred(() -> {
			List<StreamEvent> ack = new ArrayList<>();
			ack.add(this.events.filters(filter));
			ack.addAll(backfill(filter, anchor, this.properties.backfill()));
			return ack;
		}));
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

	private List<StreamEvent> first(String cursor, LogFilter filter, int backlog, LogTailer.Anchor anchor) {
		if (cursor != null) {
			Optional<List<StreamEvent>> replay = LogCursor.parse(cursor).flatMap((c) -> replay(c, filter, anchor));
			if (replay.isPresent()) {
				return replay.get();
			}
			List<StreamEvent> reset = new ArrayList<>();
			reset.add(this.events.reset());
			reset.addAll(backfill(filter, anchor, Math.max(backlog, 0)));
			return reset;
		}
		return backfill(filter, anchor, Math.max(backlog, 0));
	}

	/** The lines after {@code cursor} up to the anchor, from the file it names and, once rotated, the next. */
	private Optional<List<StreamEvent>> replay(LogCursor cursor, LogFilter filter, LogTailer.Anchor anchor) {
		if (cursor.file() == anchor.file()) {
			if (cursor.offset() > anchor.offset() || anchor.offset() - cursor.offset() > maxReplay()) {
				return Optional.empty();
			}
			return find(anchor.file()).flatMap((file) -> read(file, cursor.offset(), anchor.offset(), filter));
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
		Optional<List<StreamEvent>> rest = read(previous.get(), cursor.offset(), previousEnd, filter);
		Optional<List<StreamEvent>> next = read(current.get(), 0, anchor.offset(), filter);
		if (rest.isEmpty() || next.isEmpty()) {
			return Optional.empty();
		}
		List<StreamEvent> all = new ArrayList<>(rest.get());
		all.add(this.events.rotated(this.files.liveName(), "renamed"));
		all.addAll(next.get());
		return Optional.of(all);
	}

	/** Matching lines between two offsets of one file, with their cursors. */
	private Optional<List<StreamEvent>> read(Path file, long from, long to, LogFilter filter) {
		long fileId = LogCursor.identity(file).orElse(-1L);
		List<StreamEvent> lines = new ArrayList<>();
		LineSplitter splitter = new LineSplitter((int) this.properties.maxLine().toBytes());
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			splitter.read(channel, from, to, ByteBuffer.allocate(64 * 1024), (text, truncated, end) -> {
				LogEntry entry = LogEntry.parse(text, truncated);
				if (filter.matches(entry)) {
					lines.add(this.events.line(entry, new LogCursor(fileId, end).toString()));
				}
			});
			return Optional.of(lines);
		}
		catch (IOException ex) {
			log.debug("cannot replay {}", file, ex);
			return Optional.empty();
		}
	}

	/** The last {@code n} matching lines before the anchor: current file first, then the previous one. */
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
