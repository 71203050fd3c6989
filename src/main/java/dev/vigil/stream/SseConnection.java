package dev.vigil.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import dev.vigil.auth.CurrentAdmin;

/**
 * A Server-Sent Events stream on a plain async servlet response: no async timeout, no
 * buffering layer between an event and the socket, the framing of the wire contract.
 */
final class SseConnection extends Connection {

	private static final byte[] KEEPALIVE = ": keepalive\n\n".getBytes(StandardCharsets.UTF_8);

	/**
	 * Guards every use of the request against the container finishing it. Once the
	 * container has completed or errored the request it recycles the request, response
	 * and output buffer for a later request on another connection: a late heartbeat or
	 * {@code complete()} from our thread would land on that stranger's stream. So writes
	 * and our {@code complete()} run under this lock and only while {@link #ended} is
	 * false, and the container's callbacks set it under the same lock before the
	 * container may recycle anything.
	 */
	private final ReentrantLock lock = new ReentrantLock();

	private @Nullable AsyncContext async;

	private boolean ended;

	private @Nullable OutputStream out;

	SseConnection(StreamChannel<?> channel, CurrentAdmin admin, @Nullable String cursor, Map<String, String> parameters,
			int queueSize, Executor executor, StreamMetrics metrics) {
		super(channel, admin, cursor, parameters, queueSize, executor, metrics);
	}

	@Override
	Transport transport() {
		return Transport.SSE;
	}

	/**
	 * Starts the async response and sends the headers and {@code retry:} at once (the
	 * client sees it is live).
	 */
	void open(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setStatus(200);
		response.setContentType("text/event-stream");
		response.setCharacterEncoding("UTF-8");
		response.setHeader("Cache-Control", "no-cache, no-transform");
		response.setHeader("X-Accel-Buffering", "no");
		AsyncContext context = request.startAsync(request, response);
		context.setTimeout(0);
		this.async = context;
		context.addListener(new AsyncListener() {

			@Override
			public void onComplete(AsyncEvent event) {
				end(false);
				released(CloseReason.CLIENT_CLOSED);
			}

			/**
			 * Completing here is ours to do: a request left in async mode holds up
			 * graceful shutdown.
			 */
			@Override
			public void onTimeout(AsyncEvent event) {
				end(true);
				released(CloseReason.CLIENT_CLOSED);
			}

			@Override
			public void onError(AsyncEvent event) {
				end(true);
				released(CloseReason.CLIENT_CLOSED);
			}

			@Override
			public void onStartAsync(AsyncEvent event) {
			}

		});
		this.out = response.getOutputStream();
		send(("retry: " + channel().retryMillis() + "\n\n").getBytes(StandardCharsets.UTF_8));
		flush();
	}

	@Override
	void write(StreamEvent event) throws IOException {
		send(event.sseFrame());
	}

	@Override
	void heartbeat() throws IOException {
		send(KEEPALIVE);
	}

	/** Into the response's buffer; it reaches the socket when full or flushed. */
	private void send(byte[] bytes) throws IOException {
		this.lock.lock();
		try {
			stream().write(bytes);
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	void flush() throws IOException {
		this.lock.lock();
		try {
			stream().flush();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The response's stream, while the container has not finished the request. */
	private OutputStream stream() throws IOException {
		OutputStream out = this.out;
		if (this.ended || out == null) {
			throw new IOException("stream already ended");
		}
		return out;
	}

	@Override
	void terminate(CloseReason reason) {
		end(true);
	}

	/**
	 * Marks the request ended (at most once), completing it when asked and not yet done.
	 */
	private void end(boolean complete) {
		this.lock.lock();
		try {
			if (this.ended) {
				return;
			}
			this.ended = true;
			AsyncContext context = this.async;
			this.async = null;
			if (complete && context != null) {
				context.complete();
			}
		}
		catch (IllegalStateException ex) {
			// Already completed by the container (client gone).
		}
		finally {
			this.lock.unlock();
		}
	}

}
