package dev.vigil.logs;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One tailer per source, started with its first subscriber and stopped after its last
 * leaves. Subscribing is rare next to reading, so a plain monitor is enough here.
 */
@Component
class LogTailers implements DisposableBean {

	private final Map<String, LogTailer> running = new HashMap<>();

	private final Map<LogTailer, Integer> users = new HashMap<>();

	private final LogEvents events;

	private final LogMetrics metrics;

	private final LogsProperties properties;

	LogTailers(LogEvents events, LogMetrics metrics, LogsProperties properties) {
		this.events = events;
		this.metrics = metrics;
		this.properties = properties;
		metrics.tailers(this::count, this::subscribers);
	}

	synchronized LogTailer acquire(LogSource source) {
		LogTailer tailer = this.running.get(source.name());
		if (tailer == null) {
			tailer = new LogTailer(source, this.events, this.metrics, (int) this.properties.maxLine().toBytes(),
					this.properties.poll(), this.properties.multilineWait());
			tailer.start();
			this.running.put(source.name(), tailer);
		}
		this.users.merge(tailer, 1, Integer::sum);
		return tailer;
	}

	synchronized void release(LogTailer tailer) {
		Integer left = this.users.computeIfPresent(tailer, (t, n) -> (n > 1) ? n - 1 : null);
		if (left == null && this.running.values().remove(tailer)) {
			tailer.stop();
		}
	}

	synchronized int count() {
		return this.running.size();
	}

	/**
	 * Counted outside this monitor: a thread holding a tailer's lock may be on its way
	 * here (a stream closed while it changed filters releases its tailer), so a scrape
	 * must not hold both.
	 */
	int subscribers() {
		List<LogTailer> tailers;
		synchronized (this) {
			tailers = List.copyOf(this.running.values());
		}
		return tailers.stream().mapToInt(LogTailer::subscribers).sum();
	}

	@Override
	public synchronized void destroy() {
		this.running.values().forEach(LogTailer::stop);
		this.running.clear();
		this.users.clear();
	}

}
