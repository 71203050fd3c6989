package dev.vigil.stream;

import java.util.List;
import java.util.function.Supplier;

/**
 * One event as both transports send it: SSE {@code event:}/{@code id:}/{@code data:} and a WebSocket
 * text frame. Built once per publish and shared by every subscriber.
 *
 * @param name SSE event name
 * @param id resume cursor sent as SSE {@code id:}, or null when the event is not resumable
 * @param seq position used to drop live events already sent by a replay; -1 when unordered
 * @param data SSE {@code data:} payload
 * @param frame WebSocket text frame
 * @param deferred for a placeholder: computes the events to send in its place, on the delivery
 * thread, when its turn in the queue comes (replays that must start exactly where live events do)
 * @param createdNanos {@link System#nanoTime()} when the event was built (published), for the
 * server-side delivery latency
 */
public record StreamEvent(String name, String id, long seq, String data, String frame,
		Supplier<List<StreamEvent>> deferred, long createdNanos) {

	/** An event whose SSE data and WebSocket frame are the same JSON. */
	public static StreamEvent of(String name, String id, long seq, String json) {
		return new StreamEvent(name, id, seq, json, json, null, System.nanoTime());
	}

	/** An event that is neither resumable nor ordered (counts, control messages). */
	public static StreamEvent of(String name, String json) {
		return new StreamEvent(name, null, -1, json, json, null, System.nanoTime());
	}

	/** A resumable, unordered event with different SSE data and WebSocket frame. */
	public static StreamEvent of(String name, String id, String data, String frame) {
		return new StreamEvent(name, id, -1, data, frame, null, System.nanoTime());
	}

	/** A placeholder expanded by the delivering thread; may do I/O, since only its own client waits. */
	public static StreamEvent deferred(Supplier<List<StreamEvent>> events) {
		return new StreamEvent("deferred", null, -1, "", "", events, System.nanoTime());
	}

}
