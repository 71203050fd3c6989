package dev.vigil.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.vigil.auth.CurrentAdmin;

/**
 * A Server-Sent Events stream on a plain async servlet response: no async timeout, no buffering
 * layer between an event and the socket, the framing of the wire contract.
 */
final class SseConnection extends Connection {

	private static final byte[] KEEPALIVE = ": keepalive\n\n".getBytes(StandardCharsets.UTF_8);

	/**
	 * Taken (set to null) by whoever completes the request, so it is completed at most once and never
	 * after the container finished it: the container recycles request objects for later requests.
	 */
	private final AtomicReference<AsyncContext> async = new AtomicReference<>();

	private OutputStream out;

	SseConnection(StreamChannel channel, CurrentAdmin admin, String cursor, Map<String, String> parameters,
			int queueSize, Executor executor, StreamMetrics metrics) {
		super(channel, admin, cursor, parameters, queueSize, executor, metrics);
	}

	@Override
	Transport transport() {
		return Transport.SSE;
	}

	/** Starts the async response and sends the headers and {@code retry:} at once (the client sees it is live). */
	void open(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setStatus(200);
		response.setContentType("text/event-stream");
		response.setCharacterEncoding("UTF-8");
		response.setHeader("Cache-Control", "no-cache, no-transform");
		response.setHeader("X-Accel-Buffering", "no");
		AsyncContext context = request.startAsync(request, response);
		context.setTimeout(0);
		this.async.set(context);
		context.addListener(new AsyncListener() {

			@Override
			public void onComplete(AsyncEvent event) {
				SseConnection.this.async.set(null);
				released(CloseReason.CLIENT_CLOSED);
			}

			/** Completing here is ours to do: a request left in async mode holds up graceful shutdown. */
			@Override
			public void onTimeout(AsyncEvent event) {
				released(CloseReason.CLIENT_CLOSED);
				terminate(CloseReason.CLIENT_CLOSED);
			}

			@Override
			public void onError(AsyncEvent event) {
				released(CloseReason.CLIENT_CLOSED);
				terminate(CloseReason.CLIENT_CLOSED);
			}

			@Override
			public void onStartAsync(AsyncEvent event) {
			}

		});
		this.out = response.getOutputStream();
		synchronized (this) {
			this.out.write(("retry: " + channel().retryMillis() + "\n\n").getBytes(StandardCharsets.UTF_8));
			this.out.flush();
		}
	}

	@Override
	void write(StreamEvent event) throws IOException {
		StringBuilder frame = new StringBuilder(event.data().length() + 64);
		if (event.id() != null) {
			frame.append("id: ").append(event.id()).append('\n');
		}
		frame.append("event: ").append(event.name()).append('\n');
		// Multi-line data is split per the SSE spec; a lone CR would otherwise end the line early.
		for (String line : event.data().split("\r\n|\r|\n", -1)) {
			frame.append("data: ").append(line).append('\n');
		}
		frame.append('\n');
		send(frame.toString().getBytes(StandardCharsets.UTF_8));
	}

	@Override
	void heartbeat() throws IOException {
		send(KEEPALIVE);
	}

	private synchronized void send(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
	}

	@Override
	void terminate(CloseReason reason) {
		AsyncContext context = this.async.getAndSet(null);
		if (context == null) {
			return;
		}
		try {
			context.complete();
		}
		catch (IllegalStateException ex) {
			// Already completed by the container (client gone).
		}
	}

}
