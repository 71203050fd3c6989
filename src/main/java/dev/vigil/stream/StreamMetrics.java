package dev.vigil.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Prometheus meters of the stream core: {@code vigil_stream_connections} (gauge) and
 * {@code vigil_stream_events_published/sent/dropped}, {@code vigil_stream_resumes},
 * {@code vigil_stream_closes} (counters), tagged by stream, transport and close reason,
 * and {@code vigil_stream_delivery_seconds} (histogram): publish to written-to-the-socket
 * per event and connection, the server's own share of what a client sees.
 */
@Component
class StreamMetrics {

	private final MeterRegistry registry;

	private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	private final Map<String, Counter> published = new ConcurrentHashMap<>();

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

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
		this.published.computeIfAbsent(stream, (s) -> counter("vigil.stream.events.published", "stream", s))
			.increment();
	}

	/** Resolved once per connection: sending is the hot path. */
	Counter sent(String stream, Transport transport) {
		return counter("vigil.stream.events.sent", "stream", stream, "transport", transport.tag());
	}

	/** Resolved once per connection, like {@link #sent}. */
	Timer delivery(String stream, Transport transport) {
		return this.timers.computeIfAbsent(stream + "/" + transport.tag(),
				(key) -> Timer.builder("vigil.stream.delivery")
					.description("Time from publishing an event to writing it to one connection")
					.tag("stream", stream)
					.tag("transport", transport.tag())
					.publishPercentileHistogram()
					.register(this.registry));
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
