package dev.vigil.logs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.auth.CurrentAdmin;
import dev.vigil.stream.Replay;
import dev.vigil.stream.StreamEvent;
import dev.vigil.stream.StreamSubscriber;

/**
 * A log stream run for a watcher on another instance: a subscriber of the tailer like a
 * local client, whose "connection" publishes batches of events on the bus. The tailer
 * only offers into its bounded queue, so a slow bus never holds the tailer up: what does
 * not fit is dropped, counted, and announced with a {@code skipped} event, as for a local
 * client that cannot keep up. One delivery task at a time drains it, a batch or a replay
 * chunk per turn, on the relays' executor.
 * <p>
 * The bus sends log lines on a lossy path of their own; the relay keeps at most
 * {@link #IN_FLIGHT} messages there and waits for them before it drains more. So when the
 * bus is behind, the relay's own queue fills and what the tailer offers becomes a
 * {@code skipped} count, and a big resume is read no faster than it is sent.
 */
final class LogRelay implements StreamSubscriber {

	private static final Logger log = LoggerFactory.getLogger(LogRelay.class);

	/** Events per bus message at most. */
	static final int BATCH = 256;

	/** Characters of event text per bus message, about: the bus's budget is in bytes. */
	static final int BATCH_CHARS = 512 * 1024;

	/** Messages handed to the bus and not sent yet, at most. */
	static final int IN_FLIGHT = 4;

	/** Room above the bound for control events and replays. */
	private static final int CONTROL_SLACK = 16;

	private final String watchId;

	private final @Nullable String cursor;

	private final Map<String, String> parameters;

	private final LinkedBlockingQueue<Object> queue;

	private final int capacity;

	private final Executor executor;

	private final Publisher publisher;

	private final LogEvents events;

	private final Runnable droppedCounter;

	private final AtomicLong skipped = new AtomicLong();

	/** True while a delivery task owns the relay (initially: until it is started). */
	private final AtomicBoolean delivering = new AtomicBoolean(true);

	private final AtomicBoolean closed = new AtomicBoolean();

	private final AtomicInteger inFlight = new AtomicInteger();

	/** The replay being sent; only the delivery owner uses it. */
	private @Nullable Replay current;

	/** Events published so far; only the delivery owner uses it. */
	private long published;

	private volatile long renewedAt;

	LogRelay(String watchId, @Nullable String cursor, Map<String, String> parameters, int capacity, Executor executor,
			Publisher publisher, LogEvents events, Runnable droppedCounter, long now) {
		this.watchId = watchId;
		this.cursor = (cursor != null && !cursor.isBlank()) ? cursor.trim() : null;
		this.parameters = parameters;
		this.capacity = capacity;
		this.queue = new LinkedBlockingQueue<>(capacity + CONTROL_SLACK);
		this.executor = executor;
		this.publisher = publisher;
		this.events = events;
		this.droppedCounter = droppedCounter;
		this.renewedAt = now;
	}

	String watchId() {
		return this.watchId;
	}

	void renewed(long now) {
		this.renewedAt = now;
	}

	boolean expired(long now, long leaseMillis) {
		return now - this.renewedAt > leaseMillis;
	}

	/** Sends {@code first} (the resume or backlog), then what the tailer queued. */
	void start(Replay first) {
		this.current = first;
		this.executor.execute(this::drainSafely);
	}

	/**
	 * Stops relaying; what is queued is dropped. {@code why}, when given, is published as
	 * the watch's end so the watcher can end its client's stream.
	 */
	void stop(@Nullable String why) {
		if (this.closed.compareAndSet(false, true)) {
			if (why != null) {
				this.publisher.publish(new LogRelayWire.Lines(this.watchId, -1, List.of(), why), () -> {
				});
			}
			if (this.delivering.compareAndSet(false, true)) {
				this.executor.execute(this::cleanUp);
			}
		}
	}

	/** The virtual subscriber has no admin: the watching instance checked its own. */
	@Override
	public CurrentAdmin admin() {
		throw new IllegalStateException("a relayed log watch has no admin; the watching instance checks access");
	}

	@Override
	public @Nullable String cursor() {
		return this.cursor;
	}

	@Override
	public @Nullable String parameter(String name) {
		return this.parameters.get(name);
	}

	@Override
	public void offer(StreamEvent event) {
		if (this.closed.get()) {
			return;
		}
		if (this.skipped.get() > 0 && this.queue.size() + 1 < this.capacity) {
			long count = this.skipped.getAndSet(0);
			if (count > 0) {
				this.queue.offer(this.events.skipped(count));
			}
		}
		if (this.queue.size() >= this.capacity || !this.queue.offer(event)) {
			this.skipped.incrementAndGet();
			this.droppedCounter.run();
			return;
		}
		schedule();
	}

	@Override
	public void offerControl(StreamEvent event) {
		control(new Control(event));
	}

	@Override
	public void replay(Replay replay) {
		if (!control(replay)) {
			replay.close();
		}
	}

	/** The tailer never ends a stream; here it would mean the relay is over. */
	@Override
	public void finish() {
		stop("ended");
	}

	private boolean control(Object item) {
		if (this.closed.get()) {
			return false;
		}
		if (!this.queue.offer(item)) {
			// Even the slack is gone: the watcher resumes from its cursor.
			stop("overflow");
			return false;
		}
		schedule();
		return true;
	}

	private void schedule() {
		if (this.delivering.compareAndSet(false, true)) {
			this.executor.execute(this::drainSafely);
		}
	}

	private void drainSafely() {
		try {
			drainOnce();
		}
		catch (IOException | RuntimeException ex) {
			log.debug("log relay {} failed", this.watchId, ex);
			stop("failed");
			cleanUp();
			return;
		}
		if (this.closed.get()) {
			cleanUp();
			return;
		}
		this.delivering.set(false);
		// An offer after the last poll (or a send done) found the flag still set and left
		// the work to us.
		resumeIfPending();
	}

	private void resumeIfPending() {
		boolean pending = (!this.queue.isEmpty() || this.current != null) && this.inFlight.get() < IN_FLIGHT;
		if ((pending || this.closed.get()) && this.delivering.compareAndSet(false, true)) {
			this.executor.execute(this::drainSafely);
		}
	}

	/** The bus sent (or dropped) one of this relay's messages. */
	private void sent() {
		this.inFlight.decrementAndGet();
		resumeIfPending();
	}

	/** One turn: a chunk of the current replay, or one batch of what is queued. */
	private void drainOnce() throws IOException {
		if (this.inFlight.get() >= IN_FLIGHT) {
			// The bus is behind: wait for a send to finish (it resumes the draining).
			return;
		}
		Replay replay = this.current;
		if (replay != null) {
			List<StreamEvent> chunk = replay.next();
			if (chunk.isEmpty()) {
				replay.close();
				this.current = null;
			}
			else {
				List<LogRelayWire.Event> batch = new ArrayList<>(chunk.size());
				chunk.forEach((event) -> batch.add(LogRelayWire.Event.of(event, false)));
				publish(batch);
			}
			return;
		}
		List<LogRelayWire.Event> batch = new ArrayList<>();
		long chars = 0;
		Object item;
		while (batch.size() < BATCH && chars < BATCH_CHARS && !this.closed.get()
				&& (item = this.queue.poll()) != null) {
			LogRelayWire.Event wire = null;
			if (item instanceof StreamEvent event) {
				wire = LogRelayWire.Event.of(event, false);
			}
			else if (item instanceof Control control) {
				wire = LogRelayWire.Event.of(control.event(), true);
			}
			else if (item instanceof Replay next) {
				// Its events come after the ones before it, in the next turns.
				this.current = next;
				break;
			}
			if (wire != null) {
				batch.add(wire);
				chars += chars(wire);
			}
		}
		if (!batch.isEmpty()) {
			publish(batch);
		}
	}

	/**
	 * Publishes {@code events} in messages of bounded size. A message the bus drops still
	 * counts in {@link #published}: the watcher sees the gap as {@code skipped}.
	 */
	private void publish(List<LogRelayWire.Event> events) {
		int start = 0;
		while (start < events.size() && !this.closed.get()) {
			int end = start;
			long chars = 0;
			while (end < events.size() && end - start < BATCH && (end == start || chars < BATCH_CHARS)) {
				chars += chars(events.get(end));
				end++;
			}
			List<LogRelayWire.Event> batch = events.subList(start, end);
			this.inFlight.incrementAndGet();
			this.publisher.publish(new LogRelayWire.Lines(this.watchId, this.published, List.copyOf(batch), null),
					this::sent);
			this.published += batch.size();
			start = end;
		}
	}

	private static long chars(LogRelayWire.Event event) {
		return 64 + event.data().length() + ((event.frame() != null) ? event.frame().length() : 0);
	}

	/** Run by the delivery owner of a stopped relay. */
	private void cleanUp() {
		Replay replay = this.current;
		this.current = null;
		if (replay != null) {
			replay.close();
		}
		Object item;
		while ((item = this.queue.poll()) != null) {
			if (item instanceof Replay queued) {
				queued.close();
			}
		}
	}

	/** Hands a message to the bus; {@code done} runs once it was sent or dropped. */
	@FunctionalInterface
	interface Publisher {

		void publish(LogRelayWire.Lines lines, Runnable done);

	}

	/** An event the tailer offered as control: the watcher offers it the same way. */
	private record Control(StreamEvent event) {
	}

}
