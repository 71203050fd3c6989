package dev.vigil.dashboard;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live dashboard.
 *
 * @param interval how often a snapshot is computed, stored in the history and pushed to
 * whoever watches; history resolutions and retention are fixed ({@link HistoryTier})
 */
@ConfigurationProperties("vigil.dashboard")
record DashboardProperties(@DefaultValue("5s") Duration interval) {

	DashboardProperties {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("vigil.dashboard.interval must be positive");
		}
	}

}
