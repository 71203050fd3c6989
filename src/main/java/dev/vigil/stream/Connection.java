package dev.vigil.stream;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.auth.CurrentAdmin;

/**
 * One open stream, whatever its transport. Publishers only {@link #offer} into its
 * bounded queue; one delivery task at a time drains the queue to the client on the
 * delivery executor, so a slow or stalled client holds back nobody but itself. When the
 * queue is full the channel's overflow policy applies (close: the client resumes from its
 * cursor, nothing lost).
 */
abstract class Connection implements StreamSubscriber {

	private static final Logger log = LoggerFactory.getLogger(Connection.class);

	/**
	 * Queued like any event so that keepalives never race a write, and a stalled client's
	 * full queue shows.
	 */
	static final StreamEvent HEARTBEAT = StreamEvent.of("heartbeat", "");

	private static final int CONTROL_SLACK = 16;

	private final String id = UUID.randomUUID().toString();

	private final StreamChannel channel;

	private final CurrentAdmin admin;

	private final Object key;

	private final String cursor;

	private final Map<String, String> parameters;

	/**
	 * Bounded by {@link #capacity} for ordinary events; control events may use the slack
	 * above it. Linked: its size is a lock-free read and publishers never contend with
	 * the draining thread.
	 */
	private final LinkedBlockingQueue<StreamEvent> queue;

	private final int capacity;

	/** Events dropped under the skip policy since the last marker. */
	private final AtomicLong skipped = new AtomicLong();

	private volatile Object attachment;

	/**
	 * True while a delivery task owns the connection (initially: until the backlog is
	 * sent).
	 */
	private final AtomicBoolean delivering = new AtomicBoolean(true);

	private final AtomicBoolean closed = new AtomicBoolean();

	/**
	 * Subscribed to the hub and announced to the channel; guarded by this connection's
	 * monitor.
	 */
	private boolean active;

	private final Executor executor;

	private final Counter sent;

	private final Counter dropped;

	private final Timer delivery;

	private volatile ConnectionRegistry registry;

	private volatile long replayedUpTo = -1;

	/** Why {@link #close} was called; null when the transport ended by itself. */
	private volatile CloseReason closeReason;

	private final CompletableFuture<Void> terminated = new CompletableFuture<>();

	Connection(StreamChannel channel, CurrentAdmin admin, String cursor, Map<String, String> parameters, int queueSize,
			Executor executor, StreamMetrics metrics) {
		this.channel = channel;
		this.admin = admin;
		this.key = channel.key(admin);
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

	/** Writes one event to the client; called by one delivery task at a time. */
	abstract void write(StreamEvent event) throws IOException;

	/** Sends a keepalive (SSE comment, WebSocket ping) and checks the peer is alive. */
	abstract void heartbeat() throws IOException;

	/** Ends the transport; called once. */
	abstract void terminate(CloseReason reason);

	String id() {
		return this.id;
	}

	StreamChannel channel() {
		return this.channel;
	}

	@Override
	public CurrentAdmin admin() {
		return this.admin;
	}

	@Override
	public String cursor() {
		return this.cursor;
	}

	@Override
	public String parameter(String name) {
		return this.parameters.get(name);
	}

	@Override
	public Object attachment() {
		return this.attachment;
	}

	@Override
	public void attach(Object attachment) {
		this.attachment = attachment;
	}

	Object key() {
		return this.key;
	}

	boolean isResume() {
		return this.cursor != null;
	}

	boolean isClosed() {
		return this.closed.get();
	}

	/**
	 * Subscribes and announces the connection unless it was already closed; the
	 * registry's release takes the same monitor, so a connection is unsubscribed and
	 * announced closed exactly when it was subscribed and announced open — never before,
	 * never twice.
	 */
	synchronized void activate(Runnable subscribe) {
		if (!this.closed.get()) {
			this.active = true;
			subscribe.run();
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
		}
	}

	/**
	 * Called by the registry when it counts the connection, so every later way out
	 * releases it.
	 */
	void attach(ConnectionRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Called by the registry once the connection is subscribed: sends the backlog, then
	 * goes live.
	 */
	void start() {
		this.executor.execute(() -> {
			try {
				if (this.cursor != null) {
					this.replayedUpTo = this.channel.resumedAt(this.cursor);
				}
				List<StreamEvent> backlog = this.channel.backlog(this.admin, this.cursor);
				for (StreamEvent event : backlog) {
					if (this.closed.get()) {
						break;
					}
					writeCounted(event);
					if (event.seq() >= 0) {
						this.replayedUpTo = event.seq();
					}
				}
				drain();
			}
			catch (IOException | RuntimeException ex) {
				fail(ex);
			}
		});
	}

	/** Non-blocking: queue the event for this client, or apply the overflow policy. */
	@Override
	public void offer(StreamEvent event) {
		if (this.closed.get()) {
			return;
		}
		boolean skip = this.channel.overflow() == StreamChannel.Overflow.SKIP;
		if (skip && this.skipped.get() > 0 && this.queue.size() + 1 < this.capacity) {
			// Room again after a loss: the marker goes where the gap is, before the next
			// event. Another
			// publisher may have taken the count since the check: then it sent the
			// marker.
			long count = this.skipped.getAndSet(0);
			if (count > 0) {
				enqueue(this.channel.skipped(count));
			}
		}
		if (this.queue.size() >= this.capacity || !this.queue.offer(event)) {
			if (event == HEARTBEAT && skip) {
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

	@Override
	public void offerControl(StreamEvent event) {
		if (!this.closed.get()) {
			enqueue(event);
			scheduleDelivery();
		}
	}

	private void enqueue(StreamEvent event) {
		if (!this.queue.offer(event)) {
			// Even the slack is gone: the client ignores its limits; it resumes from its
			// cursor.
			close(CloseReason.SLOW_CONSUMER);
		}
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
		this.queue.clear();
		ConnectionRegistry registry = this.registry;
		if (registry != null) {
			registry.remove(this, reason);
		}
	}

	/** Completes once the transport has been ended (or was found gone). */
	CompletableFuture<Void> terminated() {
		return this.terminated;
	}

	void sendHeartbeat() {
		offer(HEARTBEAT);
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
			StreamEvent event;
			while (!this.closed.get() && (event = this.queue.poll()) != null) {
				if (event.seq() < 0 || event.seq() > this.replayedUpTo) {
					writeCounted(event);
				}
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
		if (event == HEARTBEAT) {
			heartbeat();
			return;
		}
		if (event.deferred() != null) {
			// Taken one at a time as they are written: a long replay to a slow client is
			// never held whole.
			try (Stream<StreamEvent> expanded = event.deferred().get()) {
				Iterator<StreamEvent> events = expanded.iterator();
				while (!this.closed.get() && events.hasNext()) {
					writeCounted(events.next());
				}
			}
			return;
		}
		write(event);
		this.sent.increment();
		this.delivery.record(System.nanoTime() - event.createdNanos(), TimeUnit.NANOSECONDS);
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

}
