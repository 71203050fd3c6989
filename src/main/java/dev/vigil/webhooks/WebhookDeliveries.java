package dev.vigil.webhooks;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.vigil.auth.Roles;
import dev.vigil.notifications.NotificationService;
import dev.vigil.webhooks.WebhookRepository.Delivery;
import dev.vigil.webhooks.WebhookRepository.Outcome;
import dev.vigil.webhooks.WebhookRepository.Webhook;

/**
 * Makes delivery attempts: one signed POST per job, never following a redirect, within
 * the timeouts; a failed attempt schedules the next one itself (backoff with jitter, so
 * the log can show attempts and times), the last one marks the delivery failed and, once
 * per outage, tells the superadmins.
 */
@Component
public class WebhookDeliveries implements JobRequestHandler<WebhookAttempt> {

	private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);

	/** How much of a failed response's body the log keeps, as the error. */
	private static final int ERROR_BODY = 300;

	private final WebhookRepository repository;

	private final WebhooksProperties properties;

	private final JobRequestScheduler scheduler;

	private final NotificationService notifications;

	private final Clock clock;

	private final HttpClient http;

	WebhookDeliveries(WebhookRepository repository, WebhooksProperties properties, JobRequestScheduler scheduler,
			NotificationService notifications, Clock clock) {
		this.repository = repository;
		this.properties = properties;
		this.scheduler = scheduler;
		this.notifications = notifications;
		this.clock = clock;
		this.http = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(properties.connectTimeout())
			// HTTP/1.1: no h2c upgrade dance with simple receivers.
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	/**
	 * JobRunr's own retries only cover a job that died with its process or its database
	 * call; delivery retries are scheduled by {@link #run} as new jobs.
	 */
	@Override
	@Job(name = "webhook delivery %0", retries = 2)
	public void run(WebhookAttempt attempt) {
		Delivery delivery = this.repository.findDelivery(attempt.deliveryId()).orElse(null);
		if (delivery == null) {
			return;
		}
		Webhook webhook = this.repository.find(delivery.webhookId()).orElse(null);
		if (webhook == null) {
			return;
		}
		if (!webhook.enabled() && !delivery.event().equals("test")) {
			this.repository.abandon(delivery.id(), "endpoint disabled", this.clock.instant());
			return;
		}
		if (!this.repository.claim(delivery.id(), attempt.attempt(), this.clock.instant())) {
			return;
		}
		Result result = post(webhook, delivery, attempt.attempt());
		Instant now = this.clock.instant();
		if (result.ok()) {
			this.repository.finishAttempt(delivery.id(),
					new Outcome("delivered", result.code(), result.durationMs(), null, null), now);
			this.repository.succeeded(webhook.id());
			return;
		}
		this.repository.failed(webhook.id());
		if (attempt.attempt() < this.properties.maxAttempts()) {
			Instant next = now.plus(delay(attempt.attempt()));
			this.repository.finishAttempt(delivery.id(),
					new Outcome("retrying", result.code(), result.durationMs(), result.error(), next), now);
			this.scheduler.schedule(next, new WebhookAttempt(delivery.id(), attempt.attempt() + 1));
			return;
		}
		this.repository.finishAttempt(delivery.id(),
				new Outcome("failed", result.code(), result.durationMs(), result.error(), null), now);
		log.atWarn()
			.setMessage("webhook delivery failed")
			.addKeyValue("webhook_id", webhook.id())
			.addKeyValue("delivery_id", delivery.id())
			.addKeyValue("attempts", attempt.attempt())
			.addKeyValue("error", result.error())
			.log();
		// An alert's own failure alerts no one (no loop between failing endpoints); a
		// test's is shown where it was asked for.
		if (!delivery.alert() && delivery.event().equals("notification")
				&& this.repository.markAlerted(webhook.id(), now)) {
			alert(webhook, delivery, attempt.attempt(), result);
		}
	}

	/** The wait before attempt {@code made + 1}, varied by the jitter. */
	Duration delay(int made) {
		Duration base = this.properties.retryDelays().get(made - 1);
		double factor = 1 + this.properties.jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
		return Duration.ofMillis(Math.round(base.toMillis() * factor));
	}

	private void alert(Webhook webhook, Delivery delivery, int attempts, Result result) {
		try {
			this.notifications.notifyRole(Roles.SUPERADMIN, "error", "Webhook failing: " + webhook.name(),
					"A delivery to " + WebhookService.origin(webhook.url()) + " failed after " + attempts
							+ " attempts (" + result.error()
							+ "). Further failures are not reported until it delivers again.",
					Map.of("source", WebhookListener.ALERT_SOURCE, "webhook_id", webhook.id(), "delivery_id",
							delivery.id()));
		}
		catch (RuntimeException ex) {
			log.atError().setMessage("webhook failure alert not sent").setCause(ex).log();
		}
	}

	record Result(boolean ok, @Nullable Integer code, long durationMs, @Nullable String error) {
	}

	Result post(Webhook webhook, Delivery delivery, int attempt) {
		long start = System.nanoTime();
		try {
			URI uri = URI.create(webhook.url());
			if (!this.properties.allowPrivateAddresses()) {
				String refused = refusedAddress(uri.getHost());
				if (refused != null) {
					return new Result(false, null, 0, refused);
				}
			}
			long timestamp = this.clock.instant().getEpochSecond();
			HttpRequest request = HttpRequest.newBuilder(uri)
				.timeout(this.properties.requestTimeout())
				.header("Content-Type", "application/json")
				.header("User-Agent", "Vigil-Webhooks/1")
				.header("X-Vigil-Delivery", delivery.id())
				.header("X-Vigil-Event", delivery.event())
				.header("X-Vigil-Attempt", Integer.toString(attempt))
				.header(WebhookSignature.HEADER,
						WebhookSignature.header(webhook.secret(), timestamp, delivery.payload()))
				.POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
				.build();
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			CompletableFuture<HttpResponse<Void>> sent = this.http.sendAsync(request,
					HttpResponse.BodyHandlers.ofByteArrayConsumer((chunk) -> chunk.ifPresent((bytes) -> {
						int room = ERROR_BODY - head.size();
						if (room > 0) {
							head.write(bytes, 0, Math.min(room, bytes.length));
						}
					})));
			HttpResponse<Void> response;
			try {
				// The whole exchange, body included, within the request timeout: a
				// receiver
				// that trickles its answer holds a job worker no longer than that.
				response = sent.get(this.properties.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				sent.cancel(true);
				return new Result(false, null, elapsed(start), timedOut());
			}
			int code = response.statusCode();
			if (code >= 200 && code < 300) {
				return new Result(true, code, elapsed(start), null);
			}
			if (code >= 300 && code < 400) {
				String location = response.headers().firstValue("Location").orElse("?");
				return new Result(false, code, elapsed(start),
						"redirect not followed (HTTP " + code + " to " + location + ")");
			}
			String body = head.toString(StandardCharsets.UTF_8).strip();
			return new Result(false, code, elapsed(start), "HTTP " + code + (body.isEmpty() ? "" : ": " + body));
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			// The client's own request timeout (the same limit) may fire first: one
			// message
			// for both.
			return new Result(false, null, elapsed(start),
					(cause instanceof HttpTimeoutException) ? timedOut() : describe(cause));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Result(false, null, elapsed(start), "interrupted");
		}
		catch (RuntimeException ex) {
			return new Result(false, null, elapsed(start), describe(ex));
		}
	}

	private String timedOut() {
		return "timed out after " + this.properties.requestTimeout().toMillis() + " ms";
	}

	private static String describe(Throwable ex) {
		String message = ex.getMessage();
		String type = ex.getClass().getSimpleName();
		return (message == null || message.isBlank()) ? type : type + ": " + message;
	}

	private static long elapsed(long start) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
	}

	/**
	 * Why the host is refused when private addresses are not allowed, or null. Checked
	 * before each attempt; the connection resolves again, so a DNS answer that changes in
	 * between is not caught (docs/decisions.md).
	 */
	static @Nullable String refusedAddress(String host) {
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(host);
		}
		catch (UnknownHostException ex) {
			return "unknown host " + host;
		}
		for (InetAddress address : addresses) {
			if (!isPublic(address)) {
				return "address not allowed: " + host + " resolves to non-public " + address.getHostAddress();
			}
		}
		return null;
	}

	static boolean isPublic(InetAddress address) {
		if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return false;
		}
		byte[] bytes = address.getAddress();
		if (bytes.length == 16) {
			// fc00::/7, unique local
			return (bytes[0] & 0xfe) != 0xfc;
		}
		// 100.64.0.0/10 (carrier-grade NAT) and 0.0.0.0/8
		int first = bytes[0] & 0xff;
		int second = bytes[1] & 0xff;
		return first != 0 && !(first == 100 && second >= 64 && second < 128);
	}

	/**
	 * Queues again what is waiting longer than it should: a job lost between writing the
	 * row and queueing it, or an attempt cut off by a crash (it is made again; the
	 * receiver sees the same {@code X-Vigil-Delivery}).
	 * @param overdue how late a waiting delivery must be to count as stalled
	 * @return how many were queued again
	 */
	int resumeStalled(Duration overdue) {
		Instant now = this.clock.instant();
		int resumed = 0;
		for (Delivery delivery : this.repository.stalled(now.minus(overdue))) {
			if (this.repository.requeue(delivery.id(), now)) {
				// A duplicate of a job that is still queued finds the attempt taken and
				// does nothing.
				this.scheduler.enqueue(new WebhookAttempt(delivery.id(), delivery.attempts() + 1));
				resumed++;
			}
		}
		return resumed;
	}

	/** Deletes old log rows; how many. */
	int purge() {
		return this.repository.purge(this.clock.instant().minus(this.properties.keepDeliveries()),
				this.properties.maxDeliveriesPerWebhook());
	}

}
