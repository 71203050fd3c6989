package dev.vigil.email;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Runs email delivery jobs. Each run is one attempt; a failure that may pass (the server
 * unreachable, a 4xx answer) schedules the next attempt as a new job with a growing wait,
 * up to {@code vigil.email.max-attempts}; a refused login or a rejected address fails the
 * delivery at once. Either way the job itself ends normally: the outcome lives in the
 * delivery record, so a down SMTP server neither fills the log with stack traces nor
 * raises "job failed" notifications (which could be emailed in turn).
 */
@Component
public class EmailDeliveries implements JobRequestHandler<EmailDelivery> {

	private static final Logger log = LoggerFactory.getLogger(EmailDeliveries.class);

	/**
	 * Settled deliveries kept per admin (what Profile > Channels shows comes from these).
	 */
	static final int KEEP = 100;

	private final EmailRepository repository;

	private final Mailer mailer;

	private final JobRequestScheduler scheduler;

	private final EmailProperties properties;

	private final Clock clock;

	EmailDeliveries(EmailRepository repository, Mailer mailer, JobRequestScheduler scheduler,
			EmailProperties properties, Clock clock) {
		this.repository = repository;
		this.mailer = mailer;
		this.scheduler = scheduler;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	@Job(name = "email delivery %0")
	public void run(EmailDelivery request) {
		EmailRepository.Delivery delivery = this.repository.find(request.deliveryId()).orElse(null);
		if (delivery == null || !delivery.status().equals("queued")) {
			// Already settled (a job run again after a crash, say): nothing to do.
			return;
		}
		int attempt = delivery.attempts() + 1;
		try {
			this.mailer.send(delivery.address(), subject(delivery), body(delivery, this.properties.publicUrl()));
			this.repository.attempted(delivery.id(), attempt, "sent", null, this.clock.instant());
			this.repository.trim(delivery.adminId(), KEEP);
		}
		catch (MailFailure failure) {
			boolean last = failure.permanent() || attempt >= this.properties.maxAttempts();
			Instant now = this.clock.instant();
			if (!last) {
				// The next attempt is stored before this one is recorded: a crash in
				// between
				// repeats an attempt, never loses the delivery.
				this.scheduler.schedule(now.plus(backoff(attempt)), new EmailDelivery(delivery.id()));
			}
			this.repository.attempted(delivery.id(), attempt, last ? "failed" : "queued", failure.getMessage(), now);
			if (last) {
				this.repository.trim(delivery.adminId(), KEEP);
				log.atWarn()
					.setMessage("email delivery failed")
					.addKeyValue("delivery_id", delivery.id())
					.addKeyValue("admin_id", delivery.adminId())
					.addKeyValue("attempts", attempt)
					.addKeyValue("error", failure.getMessage())
					.log();
			}
		}
	}

	/** Waits 1, 4, 16… times the configured backoff after attempts 1, 2, 3…, ±20%. */
	Duration backoff(int attempt) {
		long base = this.properties.retryBackoff().toMillis() * (1L << (2 * Math.min(attempt - 1, 10)));
		double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
		return Duration.ofMillis((long) (base * jitter));
	}

	static String subject(EmailRepository.Delivery delivery) {
		return "[Vigil] " + delivery.title().replaceAll("[\\r\\n]+", " ");
	}

	static String body(EmailRepository.Delivery delivery, @Nullable String publicUrl) {
		StringBuilder body = new StringBuilder();
		if (!delivery.message().isBlank()) {
			body.append(delivery.message()).append("\n\n");
		}
		body.append("Type: ").append(delivery.type()).append('\n');
		body.append("Time: ").append(DateTimeFormatter.ISO_INSTANT.format(delivery.notifiedAt())).append('\n');
		if (publicUrl != null && !publicUrl.isBlank()) {
			String base = publicUrl.trim().replaceAll("/+$", "");
			body.append("Open Vigil: ").append(base).append("/admin/notifications\n");
		}
		body.append("\n-- \nYou get this because your Vigil profile asks for ")
			.append(delivery.type())
			.append(" notifications by email. Change that in Profile > Channels.\n");
		return body.toString();
	}

}
