package dev.vigil.jobs;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the recurring maintenance tasks.
 *
 * @param timeouts per task name, how long a run may take before it is interrupted and
 * fails as timed out; a task not named keeps its default (purge tasks 10 minutes, backup
 * 1 hour)
 */
@ConfigurationProperties("vigil.maintenance")
record MaintenanceProperties(@DefaultValue Map<String, Duration> timeouts) {

	static final Map<String, Duration> DEFAULT_TIMEOUTS = Map.of("purge-sessions", Duration.ofMinutes(10),
			"purge-notifications", Duration.ofMinutes(10), "purge-audit", Duration.ofMinutes(10), "backup",
			Duration.ofHours(1));

	MaintenanceProperties {
		Map<String, Duration> merged = new LinkedHashMap<>(DEFAULT_TIMEOUTS);
		timeouts.forEach((task, timeout) -> {
			if (!DEFAULT_TIMEOUTS.containsKey(task)) {
				throw new IllegalArgumentException("vigil.maintenance.timeouts." + task
						+ ": no such task (one of purge-sessions, purge-notifications, purge-audit, backup)");
			}
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException(
						"vigil.maintenance.timeouts." + task + " must be positive, was " + timeout);
			}
			merged.put(task, timeout);
		});
		timeouts = Map.copyOf(merged);
	}

	Duration timeout(String task) {
		return this.timeouts.getOrDefault(task, Duration.ofHours(1));
	}

}
