package dev.vigil.alerts;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Log alerts.
 *
 * @param tick how often the rules' windows are evaluated
 * @param minWindow the shortest window a rule may have
 * @param maxWindow the longest window a rule may have
 * @param history firings kept per rule
 */
@ConfigurationProperties("vigil.alerts")
record AlertsProperties(@DefaultValue("1s") Duration tick, @DefaultValue("10s") Duration minWindow,
		@DefaultValue("24h") Duration maxWindow, @DefaultValue("50") int history) {
}
