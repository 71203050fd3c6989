package dev.vigil.logs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.vigil.stream.StreamEvent;

/**
 * What instances send each other to watch one another's logs: the bus topics and their
 * messages. The watching instance has already checked who may read what; the messages
 * carry no more than a source name, filters and a resume point.
 */
final class LogRelayWire {

	/** Start, renew (the lease) and stop a watch; read by the watched instance. */
	static final String WATCH = "logs.watch";

	/** A WebSocket client changed its filters mid-stream. */
	static final String FILTER = "logs.filter";

	/** The filter fields of a stream request or a filter message. */
	static final List<String> FILTER_FIELDS = List.of("level", "search", "regex", "exclude", "from", "to");

	private LogRelayWire() {
	}

	/** The relayed events of one watch, to the watching instance only. */
	static String lines(String watchId) {
		return "logs.lines." + watchId;
	}

	/** The filter fields that are set, read from wherever they are. */
	static Map<String, String> filter(Function<String, @Nullable String> field) {
		Map<String, String> filter = new LinkedHashMap<>();
		for (String name : FILTER_FIELDS) {
			String value = field.apply(name);
			if (value != null) {
				filter.put(name, value);
			}
		}
		return filter;
	}

	/**
	 * @param op {@code start}, {@code renew} or {@code stop}
	 * @param watchId made by the watcher, unique
	 * @param target the instance whose log is watched
	 * @param source the source's name (start only; null: the own log)
	 * @param filter filter fields (start only)
	 * @param cursor the resume cursor, or null (start only)
	 * @param backlog {@code ?backlog=} as the client sent it (start only)
	 */
	record Watch(String op, String watchId, String target, @Nullable String source,
			@Nullable Map<String, String> filter, @Nullable String cursor, @Nullable String backlog) {

		static Watch start(String watchId, String target, @Nullable String source, Map<String, String> filter,
				@Nullable String cursor, @Nullable String backlog) {
			return new Watch("start", watchId, target, source, filter, cursor, backlog);
		}

		static Watch renew(String watchId, String target) {
			return new Watch("renew", watchId, target, null, null, null, null);
		}

		static Watch stop(String watchId, String target) {
			return new Watch("stop", watchId, target, null, null, null, null);
		}

	}

	/** New filters for a running watch. */
	record Filter(String watchId, String target, Map<String, String> filter) {
	}

	/**
	 * Events of one watch in order.
	 *
	 * @param from the number of events the relay published before these: a gap says the
	 * bus lost some
	 * @param end why the relay stopped, or null while it goes on
	 */
	record Lines(String watchId, long from, List<Event> events, @Nullable String end) {
	}

	/**
	 * One stream event as the watched instance built it.
	 *
	 * @param frame the WebSocket frame when it differs from {@code data}
	 * @param control offered as a control event there (never dropped for overflow)
	 */
	record Event(String name, @Nullable String id, String data, @Nullable String frame, boolean control) {

		static Event of(StreamEvent event, boolean control) {
			return new Event(event.name(), event.id(), event.data(),
					event.frame().equals(event.data()) ? null : event.frame(), control);
		}

		StreamEvent toStreamEvent() {
			return StreamEvent.of(this.name, this.id, this.data, (this.frame != null) ? this.frame : this.data);
		}

	}

}
