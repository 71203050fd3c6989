package dev.vigil.stream;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Writes stream payloads with the application's JSON settings. Every stream frame is one JSON object
 * whose keys keep the order given ({@code type} first), as people reading a stream expect.
 */
@Component
public class StreamJson {

	private final JsonMapper json;

	StreamJson(JsonMapper json) {
		this.json = json;
	}

	/** An object from alternating keys and values, in that order. */
	public String object(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return write(map);
	}

	public String write(Object value) {
		return this.json.writeValueAsString(value);
	}

}
