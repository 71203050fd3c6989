package dev.vigil.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real WebSocket client (the JDK's) with the cookies of a {@link VigilClient}. Frames
 * are queued as JSON; {@link #stall()} stops asking for more, so the JDK stops reading
 * the socket and the TCP window fills, exactly as with a frozen browser tab.
 */
public final class WsClient implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/**
	 * One received frame; {@code receivedNanos} is when its last part arrived. Parsed on
	 * demand.
	 */
	public record Frame(String text, long receivedNanos) {

		public JsonNode json() {
			return JSON.readTree(this.text);
		}

	}

	private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

	private final StringBuilder partial = new StringBuilder();

	private volatile boolean stalled;

	private volatile WebSocket socket;

	private WsClient() {
	}

	/**
	 * Connects, or throws {@link WebSocketHandshakeException} (cause of a
	 * CompletionException) when refused.
	 */
	public static WsClient connect(VigilClient client, String path, Map<String, String> headers) {
		WsClient ws = new WsClient();
		WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
		String cookies = client.cookieHeader(URI.create(path).getPath());
		if (!cookies.isEmpty()) {
			builder.header("Cookie", cookies);
		}
		headers.forEach(builder::header);
		URI uri = URI.create(client.baseUrl().replaceFirst("^http", "ws") + path);
		ws.socket = builder.buildAsync(uri, ws.new Listener()).join();
		return ws;
	}

	public static WsClient connect(VigilClient client, String path) {
		return connect(client, path, Map.of());
	}

	/** The HTTP status with which the server refused the upgrade of {@code path}. */
	public static int refusedStatus(VigilClient client, String path, Map<String, String> headers) {
		try {
			connect(client, path, headers).close();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				return refused.getResponse().statusCode();
			}
			throw ex;
		}
		throw new AssertionError("the upgrade of " + path + " was accepted");
	}

	/** The next frame, or null after {@code timeout}. */
	public Frame next(Duration timeout) {
		return TestThreads.blocking(() -> this.frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
	}

	/** The next frame's JSON, which must arrive within 5 s. */
	public JsonNode next() {
		Frame frame = next(Duration.ofSeconds(5));
		if (frame == null) {
			throw new AssertionError("no WebSocket frame within 5 s");
		}
		return frame.json();
	}

	public void send(String text) {
		this.socket.sendText(text, true).join();
	}

	public void sendBinary(byte[] bytes) {
		this.socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
	}

	/** Stops reading: no more frames are requested from the socket. */
	public void stall() {
		this.stalled = true;
	}

	/** Reads again, including everything the server managed to send meanwhile. */
	public void resume() {
		this.stalled = false;
		this.socket.request(1);
	}

	/**
	 * The close code the server sent (or 1006 when the connection dropped), within
	 * {@code timeout}.
	 */
	public int closeCode(Duration timeout) {
		try {
			return this.closeCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("WebSocket not closed within " + timeout, ex);
		}
	}

	public boolean isClosed() {
		return this.closeCode.isDone();
	}

	@Override
	public void close() {
		if (!this.socket.isOutputClosed()) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally((ex) -> null);
		}
		this.socket.abort();
	}

	/**
	 * Closes like a tab that was killed: no close frame, just the TCP connection gone.
	 */
	public void abort() {
		this.socket.abort();
	}

	private final class Listener implements WebSocket.Listener {

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			WsClient.this.partial.append(data);
			if (last) {
				WsClient.this.frames.add(new Frame(WsClient.this.partial.toString(), System.nanoTime()));
				WsClient.this.partial.setLength(0);
			}
			requestMore(webSocket);
			return null;
		}

		@Override
		public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
			requestMore(webSocket);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			WsClient.this.closeCode.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			WsClient.this.closeCode.complete(1006);
		}

		private void requestMore(WebSocket webSocket) {
			if (!WsClient.this.stalled) {
				webSocket.request(1);
			}
		}

	}

}
