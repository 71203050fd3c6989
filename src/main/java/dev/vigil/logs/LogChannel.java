package dev.vigil.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.vigil.auth.CurrentAdmin;
import dev.vigil.auth.Scopes;
import dev.vigil.stream.Replay;
import dev.vigil.stream.StreamChannel;
import dev.vigil.stream.StreamEvent;
import dev.vigil.stream.StreamSubscriber;
import dev.vigil.web.ApiException;

/**
 * The live log stream. Not published through the hub: each subscriber is a
 * {@link LogSubscription} of the shared {@link LogTailer}, which offers it every new line
 * its filter matches. What a client gets before live lines (resume from its cursor,
 * {@code ?backlog=}, the backfill after a filter change) is a {@link Replay} read from
 * the files on that client's delivery thread, a chunk at a time, and ends exactly at the
 * tailer's position when it subscribed (or changed filters), where its live lines begin.
 * A client that cannot keep up loses live lines and is told how many ({@code skipped}).
 * <p>
 * With {@code ?instance=} naming another instance, that instance runs the same
 * subscription for it and relays its events over the bus ({@link RemoteLogs},
 * {@link LogRelays}); who may read which source is decided here, as for a local client.
 */
@Component
class LogChannel implements StreamChannel<LogFeed> {

	private static final Logger log = LoggerFactory.getLogger(LogChannel.class);

	static final String NAME = "logs";

	/**
	 * Deep enough for bursts of a busy log; the events themselves are shared, so this
	 * costs references.
	 */
	private static final int QUEUE_SIZE = 4096;

	private final LogTailers tailers;

	private final LogSources sources;

	private final LogHistory history;

	private final LogEvents events;

	private final LogsProperties properties;

	private final JsonMapper json;

	private final RemoteLogs remote;

	LogChannel(LogTailers tailers, LogSources sources, LogHistory history, LogEvents events, LogsProperties properties,
			JsonMapper json, RemoteLogs remote) {
		this.remote = remote;
		this.tailers = tailers;
		this.sources = sources;
		this.history = history;
		this.events = events;
		this.properties = properties;
		this.json = json;
	}

	@Override
	public String name() {
		return NAME;
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

	/**
	 * Whether the admin, as their role stands now, may still read this stream: the logs
	 * scope of the path (the machine API's for an API key) and the source.
	 */
	@Override
	public boolean permits(StreamSubscriber subscriber, CurrentAdmin admin) {
		String area = admin.viaApiKey() ? Scopes.KEY_LOGS_READ : Scopes.LOGS;
		return admin.scopes().contains(area) && this.sources.mayRead(subscriber.parameter("source"), admin);
	}

	/**
	 * Subscribes to the tailer of the source's live file ({@code ?source=}, checked by
	 * the controller before the stream opened), from its current position.
	 */
	@Override
	public LogFeed opened(StreamSubscriber subscriber) {
		LogSource source = this.sources.require(subscriber.parameter("source"), subscriber.admin());
		String instance = subscriber.parameter("instance");
		if (this.remote.isRemote(instance)) {
			return this.remote.watch(subscriber, instance, subscriber.parameter("source"),
					LogRelayWire.filter(subscriber::parameter));
		}
		return subscribe(source, subscriber, LogFilter.from(subscriber::parameter));
	}

	/** A subscriber of the source's tailer from its current position. */
	LogSubscription subscribe(LogSource source, StreamSubscriber subscriber, LogFilter filter) {
		LogTailer tailer = this.tailers.acquire(source);
		try {
			return tailer.add(subscriber, filter);
		}
		catch (RuntimeException ex) {
			this.tailers.release(tailer);
			throw ex;
		}
	}

	/**
	 * On resume, the lines after the cursor up to where the subscription started;
	 * otherwise (or when the cursor cannot be honoured, after a {@code reset}) the
	 * {@code ?backlog=} most recent matching lines before that point.
	 */
	@Override
	public Replay replay(LogFeed feed) {
		// A relayed watch's replay comes over the bus, before its live events.
		return (feed instanceof LogSubscription subscription) ? replay(subscription) : Replay.none();
	}

	Replay replay(LogSubscription subscription) {
		StreamSubscriber subscriber = subscription.subscriber;
		LogFilter filter = subscription.startFilter;
		LogTailer.Anchor start = subscription.start;
		int backlog = Math.max(backlogSize(subscriber.parameter("backlog")), 0);
		LogTailer tailer = subscription.tailer;
		if (subscriber.cursor() == null) {
			return Replay.of(backfill(tailer, filter, start, backlog));
		}
		Optional<Replay> resume = LogCursor.parse(subscriber.cursor()).flatMap((c) -> resume(tailer, c, filter, start));
		if (resume.isPresent()) {
			return resume.get();
		}
		List<StreamEvent> events = new ArrayList<>();
		events.add(this.events.reset());
		events.addAll(backfill(tailer, filter, start, backlog));
		return Replay.of(events);
	}

	@Override
	public void closed(LogFeed feed) {
		if (feed instanceof LogSubscription subscription) {
			unsubscribe(subscription);
		}
		else if (feed instanceof RemoteWatch watch) {
			this.remote.stop(watch);
		}
	}

	void unsubscribe(LogSubscription subscription) {
		subscription.tailer.remove(subscription);
		this.tailers.release(subscription.tailer);
	}

	/**
	 * {@code {"level":"error","search":"timeout"}}: new filters, acknowledged, then
	 * recent matching history.
	 */
	@Override
	public void message(LogFeed feed, String text) {
		StreamSubscriber subscriber = (feed instanceof LogSubscription subscription) ? subscription.subscriber
				: ((RemoteWatch) feed).subscriber;
		LogFilter filter;
		Map<String, String> fields;
		try {
			JsonNode message = this.json.readTree(text);
			if (!message.isObject()) {
				throw new IllegalArgumentException();
			}
			fields = LogRelayWire.filter((field) -> textOf(message, field));
			filter = LogFilter.from(fields::get);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			subscriber.offerControl(this.events.error("expected {\"level\":\"…\",\"search\":\"…\"}"));
			return;
		}
		catch (ApiException ex) {
			// An invalid filter leaves the current one in place.
			subscriber.offerControl(this.events.error(ex.fields()
				.entrySet()
				.stream()
				.map((field) -> field.getKey() + ": " + field.getValue())
				.collect(Collectors.joining("; "))));
			return;
		}
		if (feed instanceof LogSubscription subscription) {
			refilter(subscription, filter);
		}
		else if (feed instanceof RemoteWatch watch) {
			// Checked here; the other instance acknowledges and backfills.
			this.remote.refilter(watch, fields);
		}
	}

	/**
	 * Swaps the filter and queues, at that point, the acknowledgement and the recent
	 * matching history.
	 */
	void refilter(LogSubscription subscription, LogFilter filter) {
		subscription.tailer.refilter(subscription, filter, (anchor) -> Replay.lazy(() -> {
			List<StreamEvent> events = new ArrayList<>();
			events.add(this.events.filters(filter));
			events.addAll(backfill(subscription.tailer, filter, anchor, this.properties.backfill()));
			return events;
		}));
	}

	/** Validated by the controller before the stream opens; here only a safe fallback. */
	int backlogSize(@Nullable String value) {
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

	/**
	 * The lines after {@code cursor} up to the anchor, from the file it names and, once
	 * rotated, the next. Empty (reset) when the files are gone or the gap is over
	 * {@code max-replay}.
	 */
	private Optional<Replay> resume(LogTailer tailer, LogCursor cursor, LogFilter filter, LogTailer.Anchor anchor) {
		LogFiles files = tailer.source().files();
		EntryRules rules = tailer.rules();
		if (cursor.file() == anchor.file()) {
			if (cursor.offset() > anchor.offset() || anchor.offset() - cursor.offset() > maxReplay()) {
				return Optional.empty();
			}
			return files.find(anchor.file())
				.flatMap((file) -> open(file, anchor.file(), cursor.offset(), anchor.offset(), rules, filter));
		}
		if (cursor.file() != anchor.previousFile()) {
			return Optional.empty();
		}
		Optional<Path> previous = files.find(cursor.file());
		Optional<Path> current = files.find(anchor.file());
		if (previous.isEmpty() || current.isEmpty()) {
			return Optional.empty();
		}
		long previousEnd = size(previous.get());
		if (cursor.offset() > previousEnd || (previousEnd - cursor.offset()) + anchor.offset() > maxReplay()) {
			return Optional.empty();
		}
		Optional<Replay> rest = open(previous.get(), cursor.file(), cursor.offset(), previousEnd, rules, filter);
		Optional<Replay> next = open(current.get(), anchor.file(), 0, anchor.offset(), rules, filter);
		if (rest.isEmpty() || next.isEmpty()) {
			rest.ifPresent(Replay::close);
			next.ifPresent(Replay::close);
			return Optional.empty();
		}
		StreamEvent rotated = this.events.rotated(files.liveName(), "renamed");
		return Optional.of(Replay.concat(rest.get(), Replay.of(List.of(rotated)), next.get()));
	}

	private Optional<Replay> open(Path file, long fileId, long from, long to, EntryRules rules, LogFilter filter) {
		try {
			return Optional.of(LogReplay.open(file, fileId, from, to, rules, filter, this.events,
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
	private List<StreamEvent> backfill(LogTailer tailer, LogFilter filter, LogTailer.Anchor anchor, int n) {
		if (n <= 0) {
			return List.of();
		}
		LogFiles files = tailer.source().files();
		List<StreamEvent> lines = new ArrayList<>();
		Optional<Path> current = files.find(anchor.file());
		if (current.isPresent()) {
			lines.addAll(recent(tailer, current.get(), anchor.file(), anchor.offset(), filter, n));
		}
		Optional<Path> previous = (lines.size() < n) ? files.find(anchor.previousFile()) : Optional.empty();
		if (previous.isPresent()) {
			lines.addAll(0, recent(tailer, previous.get(), anchor.previousFile(), size(previous.get()), filter,
					n - lines.size()));
		}
		return lines;
	}

	private List<StreamEvent> recent(LogTailer tailer, Path file, long fileId, long end, LogFilter filter, int n) {
		return this.history.lastMatching(file, tailer.rules(), end, filter, n)
			.stream()
			.map((line) -> this.events.line(line.entry(), new LogCursor(fileId, line.endOffset()).toString()))
			.toList();
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

	private static @Nullable String textOf(JsonNode message, String field) {
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
