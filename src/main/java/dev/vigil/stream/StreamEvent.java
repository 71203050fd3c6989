package dev.vigil.stream;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One event as both transports send it: SSE {@code event:}/{@code id:}/{@code data:} and
 * a WebSocket text frame. A value, built once per publish and shared by every subscriber;
 * the SSE bytes are framed and encoded once, by the first SSE connection that writes the
 * event, not once per connection.
 */
public final class StreamEvent {

	/**
	 * Multi-line data is split per the SSE spec; a lone CR would otherwise end the line
	 * early.
	 */
	private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

	private final String name;

	private final @Nullable String id;

	private final long seq;

	private final String data;

	private final String frame;

	private final long createdNanos;

	/** Racing first writers may both compute it; the result is the same. */
	private volatile byte @Nullable [] sse;

	private StreamEvent(String name, @Nullable String id, long seq, String data, String frame) {
		this.name = name;
		this.id = id;
		this.seq = seq;
		this.data = data;
		this.frame = frame;
		this.createdNanos = System.nanoTime();
	}

	/**
	 * A resumable, ordered event whose SSE data and WebSocket frame are the same JSON.
	 */
	public static StreamEvent of(String name, String id, long seq, String json) {
		return new StreamEvent(name, id, seq, json, json);
	}

	/** An event that is neither resumable nor ordered (counts, control messages). */
	public static StreamEvent of(String name, String json) {
		return new StreamEvent(name, null, -1, json, json);
	}

	/**
	 * An unordered event with different SSE data and WebSocket frame; resumable when it
	 * has an {@code id}.
	 */
	public static StreamEvent of(String name, @Nullable String id, String data, String frame) {
		return new StreamEvent(name, id, -1, data, frame);
	}

	/** SSE event name. */
	public String name() {
		return this.name;
	}

	/** Resume cursor sent as SSE {@code id:}, or null when the event is not resumable. */
	public @Nullable String id() {
		return this.id;
	}

	/**
	 * Position used to drop live events a replay already sent; -1 when unordered.
	 */
	public long seq() {
		return this.seq;
	}

	/** SSE {@code data:} payload. */
	public String data() {
		return this.data;
	}

	/** WebSocket text frame. */
	public String frame() {
		return this.frame;
	}

	/**
	 * {@link System#nanoTime()} when the event was built (published), for the server-side
	 * delivery latency.
	 */
	long createdNanos() {
		return this.createdNanos;
	}

	/**
	 * The whole SSE frame ({@code id:}, {@code event:}, {@code data:} lines, blank line),
	 * UTF-8.
	 */
	byte[] sseFrame() {
		byte[] bytes = this.sse;
		if (bytes == null) {
			StringBuilder frame = new StringBuilder(this.data.length() + 64);
			if (this.id != null) {
				frame.append("id: ").append(this.id).append('\n');
			}
			frame.append("event: ").append(this.name).append('\n');
			for (String line : LINE_BREAK.split(this.data, -1)) {
				frame.append("data: ").append(line).append('\n');
			}
			frame.append('\n');
			bytes = frame.toString().getBytes(StandardCharsets.UTF_8);
			this.sse = bytes;
		}
		return bytes;
	}

}
