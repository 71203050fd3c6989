package dev.vigil.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Prometheus meters of the stream core: {@code vigil_stream_connections} (gauge) and
 * {@code vigil_stream_events_published/sent/dropped}, {@code vigil_stream_resumes},
 * {@code vigil_stream_closes} (counters), tagged by stream, transport and close reason.
 */
@Component
class StreamMetrics {

	private final MeterRegistry registry;

	private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	private final Map<String, Counter> published = new ConcurrentHashMap<>();

	StreamMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void opened(String stream, Transport transport) {
		gauge(stream, transport).incrementAndGet();
	}

	void closed(String stream, Transport transport, CloseReason reason) {
		gauge(stream, transport).decrementAndGet();
		counter("vigil.stream.closes", "stream", stream, "transport", transport.tag(), "reason", reason.tag())
			.increment();
	}

	void published(String stream) {
		this.published.computeIfAbsent(stream, (s) -> counter("vigil.stream.events.published", "stream", s)).increment();
	}

	/** Resolved once per connection: sending is the hot path. */
	Counter sent(String stream, Transport transport) {
		return counter("vigil.stream.events.sent", "stream", stream, "transport", transport.tag());
	}

	Counter dropped(String stream, Transport transport) {
		return counter("vigil.stream.events.dropped", "stream", stream, "transport", transport.tag());
	}

	void resumed(String stream, Transport transport) {
		counter("vigil.stream.resumes", "stream", stream, "transport", transport.tag()).increment();
	}

	private AtomicInteger gauge(String stream, Transport transport) {
		return this.open.computeIfAbsent(stream + "/" + transport.tag(), (key) -> {
			AtomicInteger value = new AtomicInteger();
			Gauge.builder("vigil.stream.connections", value, AtomicInteger::get)
				.description("Open live-stream connections")
				.tag("stream", stream)
				.tag("transport", transport.tag())
				.register(this.registry);
			return value;
		});
	}

	private Counter counter(String name, String... tags) {
		return this.counters.computeIfAbsent(name + String.join("/", tags),
				(key) -> Counter.builder(name).tags(tags).register(this.registry));
	}

}
