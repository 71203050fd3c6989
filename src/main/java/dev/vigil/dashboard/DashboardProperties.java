package dev.vigil.dashboard;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live dashboard.
 *
 * @param interval how often a snapshot is computed and pushed while someone watches
 * @param history how far back the chart ring reaches
 * @param idleSample how often a history point is still taken while nobody watches, so the
 * charts are not empty when the dashboard is opened; zero (the default) keeps the server
 * idle then, as the dashboard contract asks ("none while nobody listens")
 */
@ConfigurationProperties("vigil.dashboard")
record DashboardProperties(@DefaultValue("5s") Duration interval, @DefaultValue("1h") Duration history,
		@DefaultValue("0s") Duration idleSample) {

	DashboardProperties {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("vigil.dashboard.interval must be positive");
		}
	}

	/**
	 * Ring capacity: one point per tick over the history window, whatever mixes of ticks
	 * and idle samples.
	 */
	int historySize() {
		return (int) Math.max(1, Math.min(100_000, this.history.toMillis() / this.interval.toMillis()));
	}

}
