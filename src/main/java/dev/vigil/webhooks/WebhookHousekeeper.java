package dev.vigil.webhooks;

import java.time.Duration;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/** Runs {@link WebhookHousekeeping}. */
@Component
public class WebhookHousekeeper implements JobRequestHandler<WebhookHousekeeping> {

	private static final Logger log = LoggerFactory.getLogger(WebhookHousekeeper.class);

	/** Longer than any attempt takes, so an attempt in progress is not taken for lost. */
	static final Duration STALLED = Duration.ofMinutes(10);

	private final WebhookDeliveries deliveries;

	WebhookHousekeeper(WebhookDeliveries deliveries) {
		this.deliveries = deliveries;
	}

	@Override
	@Job(name = "maintenance: %0")
	public void run(WebhookHousekeeping request) {
		int purged = this.deliveries.purge();
		int resumed = this.deliveries.resumeStalled(STALLED);
		log.atInfo()
			.setMessage("maintenance done")
			.addKeyValue("task", request.task())
			.addKeyValue("deleted", purged)
			.addKeyValue("resumed", resumed)
			.log();
	}

}
