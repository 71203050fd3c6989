package dev.vigil.logs;

import org.springframework.stereotype.Component;

import dev.vigil.stream.StreamEvent;
import dev.vigil.stream.StreamJson;

/**
 * The wire form of the log stream. SSE: {@code event: log}, {@code id:} the cursor,
 * {@code data:} the raw line (reference format); control events are named after their
 * {@code type}. WebSocket: {@code {"type":"log","id":cursor,"entry":{…}}} and the same
 * control objects.
 */
@Component
class LogEvents {

	private final StreamJson json;

	LogEvents(StreamJson json) {
		this.json = json;
	}

	/** Built once per line and shared by every subscriber it matches. */
	StreamEvent line(LogEntry entry, String cursor) {
		String frame = "{\"type\":\"log\",\"id\":\"" + cursor + "\",\"entry\":" + entry.json() + "}";
		return StreamEvent.of("log", cursor, entry.json(), frame);
	}

	StreamEvent skipped(long count) {
		return control("skipped", "count", count);
	}

	StreamEvent rotated(String file, String reason) {
		return control("rotated", "file", file, "reason", reason);
	}

	/** The cursor cannot be honoured: the client clears its view and continues live. */
	StreamEvent reset() {
		return control("reset");
	}

	StreamEvent filters(LogFilter filter) {
		return control("filters", "level", filter.level(), "search", filter.search(), "regex", filter.regexText(),
				"exclude", filter.excludeText(), "from", filter.fromText(), "to", filter.toText());
	}

	/**
	 * The source's file changed status: {@code waiting} (not there yet, or gone),
	 * {@code unreadable} (with why) or {@code live} again.
	 */
	StreamEvent source(LogFiles.Status status) {
		return (status.message() != null) ? control("source", "status", status.status(), "message", status.message())
				: control("source", "status", status.status());
	}

	/**
	 * A log watched on another instance ended: {@code gone} (the instance stopped or
	 * died), {@code ended} (it stopped relaying, with why) or {@code interrupted} (the
	 * bus between them was lost: reconnecting resumes from the cursor).
	 */
	StreamEvent instance(String instance, String status, String message) {
		return control("instance", "instance", instance, "status", status, "message", message);
	}

	StreamEvent error(String message) {
		return control("error", "error", message);
	}

	/**
	 * SSE event name = {@code type}; the data is the same object as the WebSocket frame.
	 */
	private StreamEvent control(String type, Object... fields) {
		Object[] payload = new Object[fields.length + 2];
		payload[0] = "type";
		payload[1] = type;
		System.arraycopy(fields, 0, payload, 2, fields.length);
		return StreamEvent.of(type, this.json.object(payload));
	}

}
