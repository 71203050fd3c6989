package dev.vigil.logs;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Log viewer meters. Lines sent and skipped per client are the stream core's
 * {@code vigil.stream.events.sent} / {@code .dropped} with {@code stream=logs}.
 */
@Component
class LogMetrics {

	private final MeterRegistry registry;

	private final Counter linesRead;

	private final Timer lag;

	private final Counter relayDropped;

	LogMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.linesRead = Counter.builder("vigil.logs.lines.read")
			.description("Log lines read by the tailers (each line once, whatever the number of clients)")
			.register(registry);
		this.lag = Timer.builder("vigil.logs.lag")
			.description("From a line's own timestamp to the tailer handing it to clients")
			.publishPercentiles(0.5, 0.99)
			.register(registry);
		this.relayDropped = Counter.builder("vigil.logs.relay.dropped")
			.description("Log events not relayed to a watcher on another instance: its relay's queue was full")
			.register(registry);
		FunctionCounter.builder("vigil.logs.regex.aborted", BoundedRegex.class, (type) -> BoundedRegex.aborted())
			.description("Regex and exclude filter matches given up at their step budget (counted as no match)")
			.register(registry);
	}

	void tailers(Supplier<Number> active, Supplier<Number> subscribers) {
		Gauge.builder("vigil.logs.tailers", active).description("Running log tailers").register(this.registry);
		Gauge.builder("vigil.logs.subscribers", subscribers)
			.description("Live log clients being fed by the tailers")
			.register(this.registry);
	}

	void relays(Supplier<Number> running) {
		Gauge.builder("vigil.logs.relays", running)
			.description("Log streams this instance relays to watchers on other instances")
			.register(this.registry);
	}

	void relayDropped() {
		this.relayDropped.increment();
	}

	void lineRead(long lagMillis) {
		this.linesRead.increment();
		if (lagMillis >= 0) {
			this.lag.record(Duration.ofMillis(lagMillis));
		}
	}

}
