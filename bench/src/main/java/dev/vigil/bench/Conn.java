package dev.vigil.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One live-stream connection without a thread of its own: SSE is the JDK HttpClient's async line
 * subscriber, WebSocket the JDK's {@link WebSocket} listener. Both read only as much as they
 * request, so {@link #stall()} makes them stop reading the socket like a frozen browser tab.
 */
abstract class Conn {

	/** Receives every event: SSE event name (null for WebSocket) and data (the JSON text). */
	interface Sink {

		void onEvent(Conn conn, String name, String data, long receivedNanos);

	}

	final int index;

	final CompletableFuture<Void> opened = new CompletableFuture<>();

	/** Completes with why the connection ended (server close code, error, or "closed by client"). */
	final CompletableFuture<String> closed = new CompletableFuture<>();

	final AtomicLong events = new AtomicLong();

	volatile Sink sink;

	volatile boolean stalled;

	Conn(int index, Sink sink) {
		this.index = index;
		this.sink = sink;
	}

	abstract boolean sse();

	abstract void stall();

	abstract void resume();

	abstract void close();

	final void deliver(String name, String data, long nanos) {
		this.events.incrementAndGet();
		Sink current = this.sink;
		if (current != null) {
			current.onEvent(this, name, data, nanos);
		}
	}

	/** A {@code skipped} marker: returns its count, or -1 when the event is something else. */
	static long skipped(String name, String data) {
		boolean skipped = "skipped".equals(name) || (name == null && data.startsWith("{\"type\":\"skipped\""));
		if (!skipped) {
			return -1;
		}
		int at = data.indexOf("\"count\":");
		if (at < 0) {
			return 1;
		}
		int i = at + 8;
		long n = 0;
		while (i < data.length() && Character.isDigit(data.charAt(i))) {
			n = n * 10 + (data.charAt(i++) - '0');
		}
		return n;
	}

	static Conn sse(int index, HttpClient http, URI uri, String cookie, Sink sink) {
		SseConn conn = new SseConn(index, sink);
		conn.start(http, uri, cookie);
		return conn;
	}

	static Conn ws(int index, HttpClient http, URI uri, String cookie, Sink sink) {
		WsConn conn = new WsConn(index, sink);
		conn.start(http, uri, cookie);
		return conn;
	}

	static final class SseConn extends Conn implements Flow.Subscriber<String> {

		private static final int BATCH = 256;

		private final AtomicInteger outstanding = new AtomicInteger();

		private volatile Flow.Subscription subscription;

		private volatile boolean closing;

		private String event;

		private StringBuilder data;

		SseConn(int index, Sink sink) {
			super(index, sink);
		}

		@Override
		boolean sse() {
			return true;
		}

		void start(HttpClient http, URI uri, String cookie) {
			HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
			if (!cookie.isEmpty()) {
				request.header("Cookie", cookie);
			}
			http.sendAsync(request.build(), (info) -> {
				if (info.statusCode() != 200) {
					this.opened.completeExceptionally(new BenchException("SSE refused: HTTP " + info.statusCode()));
					return HttpResponse.BodySubscribers.discarding();
				}
				this.opened.complete(null);
				return HttpResponse.BodySubscribers.fromLineSubscriber(this);
			}).whenComplete((response, error) -> {
				if (error != null) {
					this.opened.completeExceptionally(error);
				}
				this.closed.complete(this.closing ? "closed by client"
						: (error != null) ? "error: " + error : "ended by server");
			});
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			if (this.closing) {
				subscription.cancel();
				return;
			}
			this.outstanding.set(BATCH);
			subscription.request(BATCH);
		}

		@Override
		public void onNext(String line) {
			int left = this.outstanding.decrementAndGet();
			if (line.isEmpty()) {
				if (this.data != null) {
					deliver((this.event != null) ? this.event : "message", this.data.toString(), System.nanoTime());
				}
				this.event = null;
				this.data = null;
			}
			else if (line.startsWith("data:")) {
				String value = line.substring(line.startsWith("data: ") ? 6 : 5);
				this.data = (this.data == null) ? new StringBuilder(value) : this.data.append('\n').append(value);
			}
			else if (line.startsWith("event:")) {
				this.event = line.substring(line.startsWith("event: ") ? 7 : 6);
			}
			// id:, retry: and ": keepalive" comments need nothing here.
			if (!this.stalled && left < BATCH / 2) {
				this.outstanding.addAndGet(BATCH);
				this.subscription.request(BATCH);
			}
		}

		@Override
		public void onError(Throwable error) {
			this.closed.complete(this.closing ? "closed by client" : "error: " + error);
		}

		@Override
		public void onComplete() {
			this.closed.complete(this.closing ? "closed by client" : "ended by server");
		}

		@Override
		void stall() {
			this.stalled = true;
		}

		@Override
		void resume() {
			this.stalled = false;
			Flow.Subscription s = this.subscription;
			if (s != null) {
				this.outstanding.addAndGet(BATCH);
				s.request(BATCH);
			}
		}

		@Override
		void close() {
			this.closing = true;
			Flow.Subscription s = this.subscription;
			if (s != null) {
				s.cancel();
			}
			this.closed.complete("closed by client");
		}

	}

	static final class WsConn extends Conn implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		private volatile WebSocket socket;

		private volatile boolean closing;

		WsConn(int index, Sink sink) {
			super(index, sink);
		}

		@Override
		boolean sse() {
			return false;
		}

		void start(HttpClient http, URI uri, String cookie) {
			WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30));
			if (!cookie.isEmpty()) {
				builder.header("Cookie", cookie);
			}
			builder.buildAsync(uri, this)
				.whenComplete((socket, error) -> {
					if (error != null) {
						Throwable cause = (error.getCause() != null) ? error.getCause() : error;
						if (cause instanceof WebSocketHandshakeException refused) {
							this.opened.completeExceptionally(new BenchException(
									"WebSocket refused: HTTP " + refused.getResponse().statusCode()));
						}
						else {
							this.opened.completeExceptionally(cause);
						}
						this.closed.complete("error: " + cause);
					}
					else {
						this.socket = socket;
						this.opened.complete(null);
					}
				});
		}

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence text, boolean last) {
			if (last && this.partial.length() == 0) {
				deliver(null, text.toString(), System.nanoTime());
			}
			else {
				this.partial.append(text);
				if (last) {
					deliver(null, this.partial.toString(), System.nanoTime());
					this.partial.setLength(0);
				}
			}
			more(webSocket);
			return null;
		}

		@Override
		public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
			more(webSocket);
			return null;
		}

		@Override
		public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
			more(webSocket);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			more(webSocket);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closed.complete(this.closing ? "closed by client" : "ws " + statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.closed.complete(this.closing ? "closed by client" : "error: " + error);
		}

		private void more(WebSocket webSocket) {
			if (!this.stalled) {
				webSocket.request(1);
			}
		}

		@Override
		void stall() {
			this.stalled = true;
		}

		@Override
		void resume() {
			this.stalled = false;
			WebSocket s = this.socket;
			if (s != null) {
				s.request(1);
			}
		}

		@Override
		void close() {
			this.closing = true;
			WebSocket s = this.socket;
			if (s != null) {
				s.sendClose(WebSocket.NORMAL_CLOSURE, "")
					.orTimeout(2, java.util.concurrent.TimeUnit.SECONDS)
					.whenComplete((w, e) -> s.abort());
			}
			this.closed.complete("closed by client");
		}

	}

}
