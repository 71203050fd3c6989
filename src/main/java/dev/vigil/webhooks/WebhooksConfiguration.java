package dev.vigil.webhooks;

import java.time.Duration;

import org.jobrunr.scheduling.JobRequestScheduler;

import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebhooksConfiguration {

	/**
	 * Daily housekeeping (idempotent: scheduling again under its id replaces it), and at
	 * start the deliveries a stop left waiting past their time: an attempt the stop cut
	 * off is made again.
	 */
	@Bean
	ApplicationRunner webhookHousekeeping(JobRequestScheduler scheduler, WebhookDeliveries deliveries) {
		return (args) -> {
			scheduler.scheduleRecurrently(WebhookHousekeeping.ID, "45 3 * * *",
					new WebhookHousekeeping(WebhookHousekeeping.ID));
			deliveries.resumeStalled(Duration.ZERO);
		};
	}

}
