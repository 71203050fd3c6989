package dev.vigil.logs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.stream.Replay;
import dev.vigil.stream.StreamEvent;
import dev.vigil.stream.StreamSubscriber;

/**
 * The one reader of a live log file, shared by all its subscribers. A thread of its own
 * wakes on a file-system event (inotify on Linux) or a short poll, reads every new byte
 * once, parses each line once and offers the shared event to each subscriber whose filter
 * matches — never waiting for any. It follows rotation (rename and recreate, truncation,
 * deletion): the old file's last lines first, then the new file from its start, with a
 * {@code rotated} event between.
 */
final class LogTailer {

	private static final Logger log = LoggerFactory.getLogger(LogTailer.class);

	/**
	 * Where a new subscriber (or a new filter) starts: live events are the lines after
	 * this point, and what it is sent first ends here.
	 */
	record Anchor(long file, long offset, long previousFile) {
	}

	/** An entry read, with its cursor, as watchers get it. */
	record Read(LogEntry entry, String cursor) {
	}

	private final LogSource source;

	private final EntryRules rules;

	private final Path path;

	private final LogFiles files;

	private final LogEvents events;

	private final LogMetrics metrics;

	private final Duration poll;

	private final long multilineWaitNanos;

	private final Object lock = new Object();

	// Changed under lock; copy on write because offering a control event may close a
	// stalled connection on this very thread, which removes it from the set in iteration.
	private final Set<LogSubscription> subscribers = new CopyOnWriteArraySet<>();

	// Guarded by lock.
	private final List<Consumer<Read>> watchers = new ArrayList<>();

	private final LineSplitter splitter;

	private final EntryAssembler assembler;

	/**
	 * When the file last gave new bytes (nanoTime); an entry held is let go a wait after.
	 */
	private long lastBytes = System.nanoTime();

	/**
	 * Whether the live file can be read, as subscribers were last told. Guarded by lock.
	 */
	private LogFiles.Status status = LogFiles.Status.LIVE;

	private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);

	private @Nullable FileChannel channel;

	private long fileId = -1;

	private long previousFileId = -1;

	private long readPosition;

	private long linePosition;

	private final Thread thread;

	private volatile boolean running = true;

	private volatile @Nullable WatchService watcher;

	/**
	 * The {@code rotated} reason announced when the live file is next opened. Guarded by
	 * lock.
	 */
	private String reopenReason = "created";

	/**
	 * Whether the last check failed; only the tailer's thread uses it (one warning per
	 * failing spell).
	 */
	private boolean failing;

	LogTailer(LogSource source, LogEvents events, LogMetrics metrics, int maxLine, Duration poll,
			Duration multilineWait) {
		this(source, EntryRules.of(source.format()), events, metrics, maxLine, poll, multilineWait);
	}

	/** With the joining rules given: tests exercise joining with rules of their own. */
	LogTailer(LogSource source, EntryRules rules, LogEvents events, LogMetrics metrics, int maxLine, Duration poll,
			Duration multilineWait) {
		this.source = source;
		this.rules = rules;
		this.files = source.files();
		this.path = this.files.live();
		this.events = events;
		this.metrics = metrics;
		this.poll = poll;
		this.multilineWaitNanos = Math.max(0, multilineWait.toNanos());
		this.splitter = new LineSplitter(maxLine);
		this.assembler = new EntryAssembler(rules, maxLine);
		this.thread = new Thread(this::run, "log-tailer-" + source.name());
		this.thread.setDaemon(true);
	}

	LogSource source() {
		return this.source;
	}

	/** How this tailer joins lines into entries; readers of the same files join alike. */
	EntryRules rules() {
		return this.rules;
	}

	void start() {
		synchronized (this.lock) {
			this.previousFileId = newestRotated().flatMap(LogCursor::identity).orElse(-1L);
			openAtEnd();
		}
		try {
			this.watcher = FileSystems.getDefault().newWatchService();
			this.path.getParent()
				.register(this.watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
						StandardWatchEventKinds.ENTRY_DELETE);
		}
		catch (IOException | UnsupportedOperationException ex) {
			log.info("no file-system events for {}; polling every {}", this.path, this.poll);
		}
		this.thread.start();
	}

	void stop() {
		this.running = false;
		closeQuietly(this.watcher);
		if (Thread.currentThread() != this.thread) {
			this.thread.interrupt();
			try {
				this.thread.join(TimeUnit.SECONDS.toMillis(2));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		synchronized (this.lock) {
			closeQuietly(this.channel);
			this.channel = null;
		}
	}

	/**
	 * Adds a subscriber between two lines: its live events are the lines after the
	 * returned subscription's {@link LogSubscription#start}.
	 */
	LogSubscription add(StreamSubscriber subscriber, LogFilter filter) {
		synchronized (this.lock) {
			LogSubscription subscription = new LogSubscription(subscriber, this, anchor(), filter);
			this.subscribers.add(subscription);
			if (this.status != LogFiles.Status.LIVE) {
				// After its replay: the client learns why nothing comes.
				subscriber.offerControl(this.events.source(this.status));
			}
			return subscription;
		}
	}

	int subscribers() {
		synchronized (this.lock) {
			return this.subscribers.size();
		}
	}

	void watch(Consumer<Read> watcher) {
		synchronized (this.lock) {
			this.watchers.add(watcher);
		}
	}

	void unwatch(Consumer<Read> watcher) {
		synchronized (this.lock) {
			this.watchers.remove(watcher);
		}
	}

	void remove(LogSubscription subscription) {
		synchronized (this.lock) {
			this.subscribers.remove(subscription);
		}
	}

	/**
	 * Swaps a subscriber's filter between two lines and queues, at exactly that point,
	 * the replay {@code backfill} makes for it (lazily: it is read on the subscriber's
	 * delivery, not under this lock).
	 */
	void refilter(LogSubscription subscription, LogFilter filter, Function<Anchor, Replay> backfill) {
		synchronized (this.lock) {
			subscription.filter = filter;
			subscription.subscriber.replay(backfill.apply(anchor()));
		}
	}

	private Anchor anchor() {
		return new Anchor(this.fileId, this.linePosition, this.previousFileId);
	}

	private void run() {
		while (this.running) {
			try {
				awaitChange();
				boolean tailing;
				synchronized (this.lock) {
					check();
					tailing = this.channel != null;
					if (this.assembler.holding() && System.nanoTime() - this.lastBytes >= this.multilineWaitNanos) {
						// No more lines for a while: the entry is complete as it is.
						this.assembler.flush(this::entry);
					}
				}
				if (this.failing && tailing) {
					this.failing = false;
					log.info("tailing {} again", this.path);
				}
			}
			catch (InterruptedException | ClosedWatchServiceException ex) {
				if (!this.running) {
					return;
				}
			}
			catch (IOException | RuntimeException ex) {
				// Retried every poll: one warning with its cause, the repeats only at
				// debug level.
				if (!this.failing) {
					this.failing = true;
					log.warn("reading {} failed; retrying every {} until it works", this.path, this.poll, ex);
				}
				else {
					log.debug("reading {} failed again", this.path, ex);
				}
				sleepQuietly();
			}
		}
	}

	private void awaitChange() throws InterruptedException {
		long wait = this.poll.toMillis();
		synchronized (this.lock) {
			if (this.assembler.holding()) {
				long left = this.multilineWaitNanos - (System.nanoTime() - this.lastBytes);
				wait = Math.max(1, Math.min(wait, TimeUnit.NANOSECONDS.toMillis(left) + 1));
			}
		}
		WatchService watcher = this.watcher;
		if (watcher == null) {
			Thread.sleep(wait);
			return;
		}
		WatchKey key = watcher.poll(wait, TimeUnit.MILLISECONDS);
		if (key != null) {
			key.pollEvents();
			key.reset();
		}
	}

	/** Reads what is new, then looks for rotation. Called with the lock held. */
	private void check() throws IOException {
		if (this.channel == null) {
			LogFiles.Status now = this.files.status();
			if (now != LogFiles.Status.LIVE) {
				status(now);
				return;
			}
			// Created after we started, or a rotation's new file that could not be opened
			// at once.
			try {
				reopen();
			}
			catch (AccessDeniedException ex) {
				status(this.files.unreadable());
				return;
			}
		}
		readAvailable();
		Optional<Long> current = LogCursor.identity(this.path);
		if (current.isEmpty()) {
			// Deleted or mid-rename: keep the old file until a new one appears.
			status(LogFiles.Status.WAITING);
			return;
		}
		if (current.get() != this.fileId) {
			readAvailable();
			this.splitter.flush(this::line, this.readPosition);
			this.assembler.flush(this::entry);
			closeQuietly(this.channel);
			// Never kept closed: if the new file cannot be opened yet, the next checks
			// retry above.
			this.channel = null;
			this.reopenReason = this.files.find(this.fileId).isPresent() ? "renamed" : "recreated";
			this.previousFileId = this.fileId;
			reopen();
			readAvailable();
		}
		else if (this.channel.size() < this.readPosition) {
			// Copied and truncated: what was held is in the copy, complete.
			this.assembler.flush(this::entry);
			this.assembler.reset();
			this.splitter.reset();
			this.readPosition = 0;
			this.linePosition = 0;
			dispatch(this.events.rotated(this.files.liveName(), "truncated"));
			readAvailable();
		}
	}

	private void readAvailable() throws IOException {
		long before = this.readPosition;
		this.readPosition = this.splitter.read(this.channel, this.readPosition, this.channel.size(), this.buffer,
				this::line);
		if (this.readPosition != before) {
			this.lastBytes = System.nanoTime();
		}
	}

	private void line(String text, boolean truncated, long endOffset) {
		this.assembler.line(text, truncated, endOffset, this::entry);
	}

	/** The position new subscribers start from is after the last entry delivered. */
	private void entry(LogEntry entry, long startOffset, long endOffset) {
		this.linePosition = endOffset;
		this.metrics.lineRead(lag(entry));
		// Built on the first need only: with selective filters most lines go to nobody.
		String cursor = null;
		StreamEvent event = null;
		for (LogSubscription subscription : this.subscribers) {
			if (subscription.filter.matches(entry)) {
				if (event == null) {
					cursor = new LogCursor(this.fileId, endOffset).toString();
					event = this.events.line(entry, cursor);
				}
				subscription.subscriber.offer(event);
			}
		}
		if (!this.watchers.isEmpty()) {
			Read read = new Read(entry, (cursor != null) ? cursor : new LogCursor(this.fileId, endOffset).toString());
			for (Consumer<Read> watcher : this.watchers) {
				try {
					watcher.accept(read);
				}
				catch (RuntimeException ex) {
					log.warn("a log watcher failed", ex);
				}
			}
		}
	}

	private void dispatch(StreamEvent event) {
		this.subscribers.forEach((subscription) -> subscription.subscriber.offer(event));
	}

	/** Opens the live file from its start and tells subscribers why; all of it is new. */
	private void reopen() throws IOException {
		// A file that was there but could not be read is not new when it can be: its
		// lines (gigabytes, perhaps) are history, not a burst of live lines for every
		// client and alert.
		boolean existed = this.status.status().equals("unreadable");
		open(0);
		if (existed) {
			long start = lastLineStart(this.channel.size());
			this.readPosition = start;
			this.linePosition = start;
		}
		status(LogFiles.Status.LIVE);
		dispatch(this.events.rotated(this.files.liveName(), this.reopenReason));
		this.reopenReason = "created";
	}

	/** Tells subscribers when the file's status changes. Called with the lock held. */
	private void status(LogFiles.Status now) {
		if (now.equals(this.status)) {
			return;
		}
		if (now.status().equals("unreadable")) {
			log.warn("log source {}: {}", this.source.name(), now.message());
		}
		else if (this.status.status().equals("unreadable")) {
			log.info("log source {} is {} again", this.source.name(), now.status());
		}
		this.status = now;
		this.subscribers.forEach((subscription) -> subscription.subscriber.offerControl(this.events.source(now)));
	}

	/**
	 * Opens the live file at {@code offset}, or at the start of its last line when it is
	 * past the end.
	 */
	private void open(long offset) throws IOException {
		this.channel = FileChannel.open(this.path, StandardOpenOption.READ);
		this.fileId = LogCursor.identity(this.path).orElse(-1L);
		this.splitter.reset();
		this.assembler.reset();
		this.readPosition = offset;
		this.linePosition = offset;
	}

	/**
	 * Live from now: starts after the last complete line (a partial one is read when it
	 * completes).
	 */
	private void openAtEnd() {
		LogFiles.Status now = this.files.status();
		if (now != LogFiles.Status.LIVE) {
			this.status = now;
			if (now.status().equals("unreadable")) {
				log.warn("log source {}: {}", this.source.name(), now.message());
			}
			return;
		}
		try {
			open(0);
			long start = lastLineStart(this.channel.size());
			this.readPosition = start;
			this.linePosition = start;
		}
		catch (AccessDeniedException ex) {
			this.status = this.files.unreadable();
			log.warn("log source {}: {}", this.source.name(), this.status.message());
			closeQuietly(this.channel);
			this.channel = null;
		}
		catch (IOException ex) {
			log.warn("cannot open {}; waiting for it", this.path, ex);
			closeQuietly(this.channel);
			this.channel = null;
		}
	}

	private long lastLineStart(long size) throws IOException {
		ByteBuffer chunk = ByteBuffer.allocate(8192);
		long end = size;
		while (end > 0) {
			long start = Math.max(0, end - chunk.capacity());
			chunk.clear().limit((int) (end - start));
			this.channel.read(chunk, start);
			for (int i = (int) (end - start) - 1; i >= 0; i--) {
				if (chunk.get(i) == '\n') {
					return start + i + 1;
				}
			}
			end = start;
		}
		return 0;
	}

	private Optional<Path> newestRotated() {
		try {
			return this.files.list().stream().filter((p) -> !p.equals(this.path)).max(Comparator.comparing((Path p) -> {
				try {
					return Files.getLastModifiedTime(p).toMillis();
				}
				catch (IOException ex) {
					return 0L;
				}
			}));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/** Milliseconds from the entry's own time to now, or -1 when it has none. */
	private static long lag(LogEntry entry) {
		return (entry.time() != LogEntry.NO_TIME) ? Math.max(0, System.currentTimeMillis() - entry.time()) : -1;
	}

	private void sleepQuietly() {
		try {
			Thread.sleep(this.poll.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void closeQuietly(@Nullable AutoCloseable closeable) {
		if (closeable != null) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// nothing to do
			}
		}
	}

}
