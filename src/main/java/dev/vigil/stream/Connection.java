package dev.vigil.stream;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.auth.CurrentAdmin;

/**
 * One open stream, whatever its transport. Publishers only {@link #offer} into its
 * bounded queue; one delivery task at a time drains the queue to the client on the
 * delivery executor, so a slow or stalled client holds back nobody but itself. The first
 * delivery sends the channel's {@link Replay} before anything queued. When the queue is
 * full the channel's overflow policy applies (close: the client resumes from its cursor,
 * nothing lost; skip: a marker says how many were dropped).
 */
abstract class Connection implements StreamSubscriber {

	private static final Logger log = LoggerFactory.getLogger(Connection.class);

	/** Room above the bound for control events and replays. */
	private static final int CONTROL_SLACK = 16;

	/**
	 * The queue holds a {@link StreamEvent} as it was published (a broadcast allocates
	 * nothing per subscriber), this keepalive marker, the {@link #END} marker, or a
	 * {@link Missed} replay; nothing else.
	 */
	private static final Object HEARTBEAT = new Object();

	/** Queued by {@link #finish}: the connection closes when delivery reaches it. */
	private static final Object END = new Object();

	private final String id = UUID.randomUUID().toString();

	private final Instant since = Instant.now();

	/**
	 * The client's address, set by the endpoint before admission; for "who is online".
	 */
	private volatile String address = "";

	private final StreamChannel<?> channel;

	private final CurrentAdmin admin;

	/** The hub key, or null when the channel does not publish through the hub. */
	private final @Nullable Object hubKey;

	private final @Nullable String cursor;

	private final Map<String, String> parameters;

	/**
	 * Bounded by {@link #capacity} for ordinary events; control items may use the slack
	 * above it. Linked: its size is a lock-free read and publishers never contend with
	 * the draining thread.
	 */
	private final LinkedBlockingQueue<Object> queue;

	private final int capacity;

	/** Events dropped under the skip policy since the last marker. */
	private final AtomicLong skipped = new AtomicLong();

	/**
	 * True while a delivery task owns the connection (initially: until the first replay
	 * is sent).
	 */
	private final AtomicBoolean delivering = new AtomicBoolean(true);

	private final AtomicBoolean closed = new AtomicBoolean();

	/**
	 * Whether the connection is subscribed and opened in its channel; guarded by this
	 * connection's monitor.
	 */
	private boolean active;

	/** This connection in its channel, once opened. */
	private volatile @Nullable Subscription<?> subscription;

	private final Executor executor;

	private final Counter sent;

	private final Counter dropped;

	private final Timer delivery;

	private volatile @Nullable ConnectionRegistry registry;

	/** Live events at or below it were sent by a replay (or the client had them). */
	private volatile long replayedUpTo = -1;

	/** Why {@link #close} was called; null when the transport ended by itself. */
	private volatile @Nullable CloseReason closeReason;

	private final CompletableFuture<Void> terminated = new CompletableFuture<>();

	/** Written but not yet flushed; only the delivery owner uses it. */
	private final List<StreamEvent> unflushed = new ArrayList<>();

	/** A keepalive written but not yet flushed; only the delivery owner uses it. */
	private boolean heartbeatUnflushed;

	Connection(StreamChannel<?> channel, CurrentAdmin admin, @Nullable String cursor, Map<String, String> parameters,
			int queueSize, Executor executor, StreamMetrics metrics) {
		this.channel = channel;
		this.admin = admin;
		this.hubKey = (channel instanceof HubChannel hub) ? hub.key(admin) : null;
		this.cursor = (cursor != null && !cursor.isBlank()) ? cursor.trim() : null;
		this.parameters = parameters;
		this.capacity = (channel.queueSize() > 0) ? channel.queueSize() : queueSize;
		this.queue = new LinkedBlockingQueue<>(this.capacity + CONTROL_SLACK);
		this.executor = executor;
		this.sent = metrics.sent(channel.name(), transport());
		this.dropped = metrics.dropped(channel.name(), transport());
		this.delivery = metrics.delivery(channel.name(), transport());
	}

	abstract Transport transport();

	/**
	 * Writes one event towards the client; it may wait in the transport's buffer until
	 * {@link #flush}. Called by one delivery task at a time.
	 */
	abstract void write(StreamEvent event) throws IOException;

	/**
	 * Sends a keepalive (SSE comment, WebSocket ping) and checks the peer is alive; like
	 * {@link #write}, it may wait for {@link #flush}.
	 */
	abstract void heartbeat() throws IOException;

	/**
	 * Sends what {@link #write} and {@link #heartbeat} buffered. Called whenever the
	 * queue is drained, so the events a burst queued leave in one socket write, not one
	 * each.
	 */
	abstract void flush() throws IOException;

	/** Ends the transport; called once. */
	abstract void terminate(CloseReason reason);

	String id() {
		return this.id;
	}

	StreamChannel<?> channel() {
		return this.channel;
	}

	Instant since() {
		return this.since;
	}

	String address() {
		return this.address;
	}

	/** Records where the client connects from; called once, before admission. */
	Connection from(String address) {
		this.address = address;
		return this;
	}

	@Override
	public CurrentAdmin admin() {
		return this.admin;
	}

	@Override
	public @Nullable String cursor() {
		return this.cursor;
	}

	@Override
	public @Nullable String parameter(String name) {
		return this.parameters.get(name);
	}

	/** Whether the connection is subscribed in the hub (its channel publishes there). */
	boolean onHub() {
		return this.hubKey != null;
	}

	@Nullable Object hubKey() {
		return this.hubKey;
	}

	boolean isResume() {
		return this.cursor != null;
	}

	boolean isClosed() {
		return this.closed.get();
	}

	/**
	 * Subscribes the connection, then opens it in its channel, unless it was already
	 * closed; the registry's release takes the same monitor, so a connection is
	 * unsubscribed and closed in its channel exactly when it was subscribed and opened —
	 * never before, never twice.
	 */
	synchronized void activate(Runnable subscribe) {
		if (!this.closed.get()) {
			this.active = true;
			subscribe.run();
			this.subscription = Subscription.open(this.channel, this);
		}
	}

	/**
	 * Undoes {@link #activate} if it happened; runs at most once, after the connection
	 * closed.
	 */
	synchronized void deactivate(Runnable unsubscribe) {
		if (this.active) {
			this.active = false;
			unsubscribe.run();
			Subscription<?> subscription = this.subscription;
			if (subscription != null) {
				try {
					subscription.closed();
				}
				catch (RuntimeException ex) {
					log.warn("stream channel failed to release a subscriber", ex);
				}
			}
		}
	}

	/**
	 * Called by the registry when it counts the connection, so every later way out
	 * releases it.
	 */
	void admitted(ConnectionRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Called by the registry once the connection is activated (or found closed): sends
	 * the channel's replay, then goes live. A closed connection only ends its transport.
	 */
	void start() {
		this.executor.execute(() -> {
			try {
				Subscription<?> subscription = this.subscription;
				if (subscription != null && !this.closed.get()) {
					Replay first = subscription.replay();
					this.replayedUpTo = first.resumedAt();
					send(first);
				}
				drain();
			}
			catch (IOException | RuntimeException ex) {
				fail(ex);
			}
		});
	}

	/** A WebSocket client's text message, for the channel. */
	void message(String text) {
		Subscription<?> subscription = this.subscription;
		if (subscription != null) {
			subscription.message(text);
		}
	}

	/** Non-blocking: queue the event for this client, or apply the overflow policy. */
	@Override
	public void offer(StreamEvent event) {
		offerItem(event);
	}

	@Override
	public void offerControl(StreamEvent event) {
		control(event);
	}

	@Override
	public void replay(Replay replay) {
		if (!control(new Missed(replay))) {
			replay.close();
		}
	}

	@Override
	public void finish() {
		control(END);
	}

	/**
	 * Queued like any event so that keepalives never race a write, and a stalled client's
	 * full queue shows.
	 */
	void sendHeartbeat() {
		offerItem(HEARTBEAT);
	}

	private void offerItem(Object item) {
		if (this.closed.get()) {
			return;
		}
		boolean skip = this.channel.overflow() == StreamChannel.Overflow.SKIP;
		if (skip && this.skipped.get() > 0 && this.queue.size() + 1 < this.capacity) {
			// Room again after a loss: the marker goes where the gap is, before the next
			// event. Another publisher may have taken the count since the check: then it
			// sent the marker.
			long count = this.skipped.getAndSet(0);
			if (count > 0) {
				enqueue(this.channel.skipped(count));
			}
		}
		if (this.queue.size() >= this.capacity || !this.queue.offer(item)) {
			if (item == HEARTBEAT && skip) {
				return;
			}
			this.dropped.increment();
			if (skip) {
				this.skipped.incrementAndGet();
			}
			else {
				close(CloseReason.SLOW_CONSUMER);
			}
			return;
		}
		scheduleDelivery();
	}

	/** Queues within the slack; false when the connection is closed or closes for it. */
	private boolean control(Object item) {
		if (this.closed.get() || !enqueue(item)) {
			return false;
		}
		scheduleDelivery();
		return true;
	}

	private boolean enqueue(Object item) {
		if (!this.queue.offer(item)) {
			// Even the slack is gone: the client ignores its limits; it resumes from its
			// cursor.
			close(CloseReason.SLOW_CONSUMER);
			return false;
		}
		return true;
	}

	private void scheduleDelivery() {
		if (this.delivering.compareAndSet(false, true)) {
			this.executor.execute(this::drainSafely);
		}
	}

	/**
	 * Stops delivery and releases the connection at once; the transport is ended by
	 * whichever task owns delivery, after any write in progress. A close frame must not
	 * race a blocked write: the container would drop the connection (1006) instead of
	 * telling the client why (1013).
	 */
	void close(CloseReason reason) {
		if (this.closed.compareAndSet(false, true)) {
			this.closeReason = reason;
			release(reason);
			if (this.delivering.compareAndSet(false, true)) {
				this.executor.execute(this::terminateOnce);
			}
		}
	}

	/**
	 * The transport reported the connection gone: release it without trying to talk to
	 * the peer.
	 */
	void released(CloseReason reason) {
		if (this.closed.compareAndSet(false, true)) {
			release(reason);
			this.terminated.complete(null);
		}
	}

	private void release(CloseReason reason) {
		Object item;
		while ((item = this.queue.poll()) != null) {
			if (item instanceof Missed missed) {
				missed.replay().close();
			}
		}
		ConnectionRegistry registry = this.registry;
		if (registry != null) {
			registry.remove(this, reason);
		}
	}

	/** Completes once the transport has been ended (or was found gone). */
	CompletableFuture<Void> terminated() {
		return this.terminated;
	}

	private void drainSafely() {
		try {
			drain();
		}
		catch (IOException | RuntimeException ex) {
			fail(ex);
		}
	}

	/**
	 * Runs while owning delivery; gives ownership back only while the connection is open.
	 */
	private void drain() throws IOException {
		while (true) {
			Object item;
			while (!this.closed.get() && (item = this.queue.poll()) != null) {
				deliver(item);
			}
			if (!this.closed.get()) {
				flushCounted();
			}
			if (this.closed.get()) {
				terminateOnce();
				return;
			}
			this.delivering.set(false);
			// An offer or close after the checks above found the flag still set and left
			// the work to us.
			boolean work = !this.queue.isEmpty() || this.closed.get();
			if (!work || !this.delivering.compareAndSet(false, true)) {
				return;
			}
		}
	}

	private void deliver(Object item) throws IOException {
		if (item instanceof StreamEvent event) {
			if (event.seq() < 0 || event.seq() > this.replayedUpTo) {
				writeCounted(event);
			}
		}
		else if (item instanceof Missed missed) {
			send(missed.replay());
		}
		else if (item == END) {
			flushCounted();
			close(CloseReason.SOURCE_GONE);
		}
		else { // HEARTBEAT
			heartbeat();
			this.heartbeatUnflushed = true;
		}
	}

	/**
	 * Writes a replay a chunk at a time, reading the next only once the last is written;
	 * closes it however it ends.
	 */
	private void send(Replay replay) throws IOException {
		try (replay) {
			while (!this.closed.get()) {
				List<StreamEvent> chunk = replay.next();
				if (chunk.isEmpty()) {
					return;
				}
				for (StreamEvent event : chunk) {
					if (this.closed.get()) {
						return;
					}
					writeCounted(event);
					if (event.seq() > this.replayedUpTo) {
						this.replayedUpTo = event.seq();
					}
				}
				flushCounted();
			}
		}
	}

	/** Called only by the delivery owner of a closed connection, so at most once. */
	private void terminateOnce() {
		CloseReason reason = this.closeReason;
		try {
			if (reason != null) {
				terminate(reason);
			}
		}
		catch (RuntimeException ex) {
			log.debug("closing stream connection failed", ex);
		}
		finally {
			this.terminated.complete(null);
		}
	}

	private void writeCounted(StreamEvent event) throws IOException {
		write(event);
		this.unflushed.add(event);
	}

	/** Flushes, then counts the flushed events as sent (their latency ends here). */
	private void flushCounted() throws IOException {
		if (this.unflushed.isEmpty() && !this.heartbeatUnflushed) {
			return;
		}
		flush();
		this.heartbeatUnflushed = false;
		long now = System.nanoTime();
		this.sent.increment(this.unflushed.size());
		for (StreamEvent event : this.unflushed) {
			this.delivery.record(now - event.createdNanos(), TimeUnit.NANOSECONDS);
		}
		this.unflushed.clear();
	}

	/**
	 * A write failed: the peer is gone or broken; release, then end the transport
	 * quietly, with the reason it was closed for if {@link #close} came first (shutdown
	 * waits for it: 1001, not 1011).
	 */
	private void fail(Exception ex) {
		log.debug("stream connection failed", ex);
		released(CloseReason.CLIENT_CLOSED);
		CloseReason reason = this.closeReason;
		try {
			terminate((reason != null) ? reason : CloseReason.ERROR);
		}
		catch (RuntimeException ignored) {
			// The peer is gone; nothing left to tell it.
		}
		finally {
			this.terminated.complete(null);
		}
	}

	/** A replay queued at its place in the stream (a log filter change's backfill). */
	private record Missed(Replay replay) {
	}

	/** The channel and this connection's state in it, typed together. */
	private record Subscription<S>(StreamChannel<S> channel, S state) {

		static <S> Subscription<S> open(StreamChannel<S> channel, StreamSubscriber subscriber) {
			return new Subscription<>(channel, channel.opened(subscriber));
		}

		Replay replay() {
			return this.channel.replay(this.state);
		}

		void message(String text) {
			this.channel.message(this.state, text);
		}

		void closed() {
			this.channel.closed(this.state);
		}

	}

}
