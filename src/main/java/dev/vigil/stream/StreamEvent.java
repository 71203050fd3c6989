package dev.vigil.stream;

/**
 * One event as both transports send it: SSE {@code event:}/{@code id:}/{@code data:} and a WebSocket
 * text frame. Built once per publish and shared by every subscriber.
 *
 * @param name SSE event name
 * @param id resume cursor sent as SSE {@code id:}, or null when the event is not resumable
 * @param seq position used to drop live events already sent by a replay; -1 when unordered
 * @param data SSE {@code data:} payload
 * @param frame WebSocket text frame
 */
public record StreamEvent(String name, String id, long seq, String data, String frame) {

	/** An event whose SSE data and WebSocket frame are the same JSON. */
	public static StreamEvent of(String name, String id, long seq, String json) {
		return new StreamEvent(name, id, seq, json, json);
	}

	/** An event that is neither resumable nor ordered (counts, control messages). */
	public static StreamEvent of(String name, String json) {
		return new StreamEvent(name, null, -1, json, json);
	}

}
