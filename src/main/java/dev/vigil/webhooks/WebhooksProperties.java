package dev.vigil.webhooks;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook delivery.
 *
 * @param retryDelays the wait before each retry; a delivery makes one attempt more than
 * there are delays, then fails for good
 * @param jitter each delay is varied at random by up to this fraction either way, so
 * retries of many deliveries do not arrive at once
 * @param connectTimeout how long a connection to the receiver may take
 * @param requestTimeout how long a whole attempt may take, response body included
 * @param allowPrivateAddresses whether endpoints may resolve to loopback, private,
 * link-local or other non-public addresses (Vigil is self-hosted: internal receivers are
 * the common case)
 * @param keepDeliveries how long finished deliveries stay in the log
 * @param maxDeliveriesPerWebhook the most log rows kept per endpoint (newest first)
 */
@ConfigurationProperties("vigil.webhooks")
record WebhooksProperties(@DefaultValue( {
		"10s", "30s", "90s", "270s" }) List<Duration> retryDelays, @DefaultValue("0.2") double jitter,
		@DefaultValue("3s") Duration connectTimeout, @DefaultValue("10s") Duration requestTimeout,
		@DefaultValue("true") boolean allowPrivateAddresses, @DefaultValue("30d") Duration keepDeliveries,
		@DefaultValue("1000") int maxDeliveriesPerWebhook){

	WebhooksProperties {
		if (jitter < 0 || jitter >= 1) {
			throw new IllegalArgumentException("vigil.webhooks.jitter must be in [0, 1)");
		}
		if (retryDelays.stream().anyMatch(Duration::isNegative)) {
			throw new IllegalArgumentException("vigil.webhooks.retry-delays must not be negative");
		}
		retryDelays = List.copyOf(retryDelays);
	}

	/** Attempts a delivery makes before it fails for good. */
	int maxAttempts() {
		return this.retryDelays.size() + 1;
	}

}
