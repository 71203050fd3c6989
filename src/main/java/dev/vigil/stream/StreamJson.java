package dev.vigil.stream;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Writes stream payloads with the application's JSON settings. Every stream frame is one
 * JSON object whose keys keep the order given ({@code type} first), as people reading a
 * stream expect.
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
		return wellFormed(this.json.writeValueAsString(value));
	}

	/**
	 * The text with each unpaired surrogate replaced by U+FFFD. Clients may put one in
	 * any string they send ({@code "\\ud800"} is valid JSON); echoed in a WebSocket text
	 * frame it cannot be encoded as UTF-8 and the container fails the whole connection.
	 * Every payload with client text is written here, once per event; log lines need no
	 * scan, being decoded from UTF-8.
	 */
	private static String wellFormed(String text) {
		StringBuilder result = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				if (result != null) {
					result.append(c).append(text.charAt(i + 1));
				}
				i++;
			}
			else if (Character.isSurrogate(c)) {
				if (result == null) {
					result = new StringBuilder(text.length()).append(text, 0, i);
				}
				result.append('\uFFFD');
			}
			else if (result != null) {
				result.append(c);
			}
		}
		return (result != null) ? result.toString() : text;
	}

}
