package dev.vigil.stream;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

import dev.vigil.auth.CurrentAdmin;

/**
 * A WebSocket stream. Only the connection's delivery owner sends, so sends never contend
 * and need no buffer beyond the queue; a send blocked on a peer that stopped reading
 * fails after the {@code send-time-limit} (Tomcat's blocking-send timeout), Tomcat drops
 * the connection and the stream is released. A peer that answers no ping for two and a
 * half heartbeat intervals after it left is closed as dead.
 */
final class WsConnection extends Connection {

	/**
	 * Tomcat reads it from the session's user properties on every blocking send (a Long,
	 * milliseconds).
	 */
	private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

	private final WebSocketSession session;

	/**
	 * The container's endpoint with batching on: sends wait in its buffer until
	 * {@link #flush}. Null when the container's session is not a standard one.
	 */
	private final RemoteEndpoint.@Nullable Basic batch;

	private final long deadAfterNanos;

	private final int maxMessagesPerSecond;

	/**
	 * When the oldest ping still unanswered left (after any data queued before it); 0
	 * when none.
	 */
	private volatile long pingSentAt;

	private long windowStart = System.nanoTime();

	private int messagesInWindow;

	WsConnection(StreamChannel<?> channel, CurrentAdmin admin, @Nullable String cursor, Map<String, String> parameters,
			WebSocketSession session, StreamProperties properties, Executor executor, StreamMetrics metrics) {
		super(channel, admin, cursor, parameters, properties.queueSize(), executor, metrics);
		this.session = session;
		this.batch = batching(session, properties);
		this.deadAfterNanos = properties.heartbeat().multipliedBy(5).dividedBy(2).toNanos();
		this.maxMessagesPerSecond = properties.maxClientMessagesPerSecond();
	}

	/**
	 * Bounds the container's blocking sends by the send time limit and turns batching on;
	 * the batching endpoint, or null.
	 */
	private static RemoteEndpoint.@Nullable Basic batching(WebSocketSession session, StreamProperties properties) {
		Session standard = (session instanceof NativeWebSocketSession container)
				? container.getNativeSession(Session.class) : null;
		if (standard == null) {
			return null;
		}
		standard.getUserProperties().put(BLOCKING_SEND_TIMEOUT, properties.sendTimeLimit().toMillis());
		try {
			standard.getBasicRemote().setBatchingAllowed(true);
			return standard.getBasicRemote();
		}
		catch (IOException ex) {
			return null; // the peer is already gone: the first send fails and releases it
		}
	}

	@Override
	Transport transport() {
		return Transport.WS;
	}

	@Override
	void write(StreamEvent event) throws IOException {
		this.session.sendMessage(new TextMessage(event.frame()));
	}

	/**
	 * A slow reader is not dead: only a ping that left long ago and got no pong counts.
	 */
	@Override
	void heartbeat() throws IOException {
		long outstanding = this.pingSentAt;
		if (outstanding != 0 && System.nanoTime() - outstanding > this.deadAfterNanos) {
			close(CloseReason.DEAD_PEER);
			return;
		}
		this.session.sendMessage(new PingMessage());
		if (outstanding == 0) {
			this.pingSentAt = System.nanoTime();
		}
	}

	@Override
	void flush() throws IOException {
		if (this.batch != null) {
			this.batch.flushBatch();
		}
	}

	void pong() {
		this.pingSentAt = 0;
	}

	/**
	 * Counts a client message; false when the client exceeds its per-second allowance.
	 */
	synchronized boolean allowClientMessage() {
		long now = System.nanoTime();
		if (now - this.windowStart >= Duration.ofSeconds(1).toNanos()) {
			this.windowStart = now;
			this.messagesInWindow = 0;
		}
		return ++this.messagesInWindow <= this.maxMessagesPerSecond;
	}

	@Override
	void terminate(CloseReason reason) {
		try {
			this.session.close(new CloseStatus(reason.code(), reason.tag()));
		}
		catch (IOException ex) {
			// The peer is gone; the container releases the session.
		}
	}

}
