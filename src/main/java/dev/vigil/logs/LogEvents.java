package dev.vigil.logs;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import dev.vigil.stream.StreamEvent;

/**
 * The wire form of the log stream. SSE: {@code event: log}, {@code id:} the cursor, {@code data:}
 * the raw line (reference format); control events are named after their {@code type}. WebSocket:
 * {@code {"type":"log","id":cursor,"entry":{…}}} and the same control objects.
 */
@Component
class LogEvents {

	private final JsonMapper json;

	LogEvents(JsonMapper json) {
		this.json = json;
	}

	/** Built once per line and shared by every subscriber it matches. */
	StreamEvent line(LogEntry entry, String cursor) {
		String frame = "{\"type\":\"log\",\"id\":\"" + cursor + "\",\"entry\":" + entry.json() + "}";
		return StreamEvent.of("log", cursor, entry.json(), frame);
	}

	StreamEvent skipped(long count) {
		return control(ordered("type", "skipped", "count", count));
	}

	StreamEvent rotated(String file, String reason) {
		return control(ordered("type", "rotated", "file", file, "reason", reason));
	}

	/** The cursor cannot be honoured: the client clears its view and continues live. */
	StreamEvent reset() {
		return control(ordered("type", "reset"));
	}

	StreamEvent filters(LogFilter filter) {
		return control(ordered("type", "filters", "level", filter.level(), "search", filter.search()));
	}

	StreamEvent error(String message) {
		return control(ordered("type", "error", "error", message));
	}

	private StreamEvent control(Map<String, Object> payload) {
		return StreamEvent.of((String) payload.get("type"), this.json.writeValueAsString(payload));
	}

	private static Map<String, Object> ordered(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

}
