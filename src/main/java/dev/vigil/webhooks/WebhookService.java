package dev.vigil.webhooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.jobrunr.scheduling.JobRequestScheduler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import dev.vigil.InvalidRequestException;
import dev.vigil.NotFoundException;
import dev.vigil.auth.Roles;
import dev.vigil.notifications.NotificationsSent;
import dev.vigil.web.ListQuery;
import dev.vigil.webhooks.WebhookRepository.Delivery;
import dev.vigil.webhooks.WebhookRepository.Settings;
import dev.vigil.webhooks.WebhookRepository.Webhook;

/**
 * Webhook endpoints: their settings, checked here, and the deliveries queued to them,
 * each a row in the delivery log and a job.
 */
@Service
class WebhookService {

	private static final Logger log = LoggerFactory.getLogger(WebhookService.class);

	static final List<String> TYPES = List.of("info", "success", "warning", "error");

	/**
	 * Who a send went to, as {@link NotificationsSent#audience()} says: everyone, one
	 * admin, a list Vigil chose, or a role (each role that exists now).
	 */
	List<String> audiences() {
		List<String> audiences = new ArrayList<>(List.of("all", "admin", "admins"));
		this.roles.list().forEach((role) -> audiences.add("role:" + role.name()));
		return audiences;
	}

	static final String SECRET_PREFIX = "whsec_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final WebhookRepository repository;

	private final WebhookPayloads payloads;

	private final JobRequestScheduler scheduler;

	private final Clock clock;

	private final Roles roles;

	WebhookService(WebhookRepository repository, WebhookPayloads payloads, JobRequestScheduler scheduler, Clock clock,
			Roles roles) {
		this.roles = roles;
		this.repository = repository;
		this.payloads = payloads;
		this.scheduler = scheduler;
		this.clock = clock;
	}

	/** A new endpoint and its secret (given, or generated). */
	record Created(Webhook webhook, String secret) {
	}

	Created create(Settings requested, @Nullable String secret) {
		Settings settings = checked(requested);
		String checkedSecret = (secret != null) ? checkedSecret(secret) : newSecret();
		long id = this.repository.insert(settings, checkedSecret, this.clock.instant());
		return new Created(get(id), checkedSecret);
	}

	Webhook update(long id, Settings requested) {
		Settings settings = checked(requested);
		if (!this.repository.update(id, settings, this.clock.instant())) {
			throw notFound();
		}
		return get(id);
	}

	/** Replaces the secret (given, or generated); the new one. */
	String rotateSecret(long id, @Nullable String secret) {
		String checkedSecret = (secret != null) ? checkedSecret(secret) : newSecret();
		if (!this.repository.setSecret(id, checkedSecret, this.clock.instant())) {
			throw notFound();
		}
		return checkedSecret;
	}

	Webhook setEnabled(long id, boolean enabled) {
		if (!this.repository.setEnabled(id, enabled, this.clock.instant())) {
			throw notFound();
		}
		return get(id);
	}

	void delete(long id) {
		if (!this.repository.delete(id)) {
			throw notFound();
		}
	}

	Webhook get(long id) {
		return this.repository.find(id).orElseThrow(WebhookService::notFound);
	}

	List<Webhook> list() {
		return this.repository.all();
	}

	List<Delivery> deliveries(long id, ListQuery page) {
		get(id);
		return this.repository.deliveries(id, page);
	}

	long countDeliveries(long id) {
		return this.repository.countDeliveries(id);
	}

	/** Queues a test event to the endpoint, enabled or not; the delivery. */
	Delivery sendTest(long id) {
		Webhook webhook = get(id);
		Instant now = this.clock.instant();
		NotificationsSent test = new NotificationsSent("info", "Test from Vigil",
				"This is a test delivery to webhook \"" + webhook.name() + "\".", null, "test", List.of(), now);
		String deliveryId = queue(webhook, "test", UUID.randomUUID().toString(), test, false);
		return this.repository.findDelivery(deliveryId).orElseThrow();
	}

	/**
	 * Queues a send to every enabled endpoint that takes its type and audience. Never
	 * throws: the sender has already stored and streamed its notifications.
	 * @param alert the send is a webhook-failure alert
	 */
	void fanOut(NotificationsSent sent, boolean alert) {
		try {
			String eventId = UUID.randomUUID().toString();
			for (Webhook webhook : this.repository.enabled()) {
				if (webhook.types().contains(sent.type()) && webhook.audiences().contains(sent.audience())) {
					queue(webhook, "notification", eventId, sent, alert);
				}
			}
		}
		catch (RuntimeException ex) {
			log.atError()
				.setMessage("webhook deliveries not queued")
				.addKeyValue("title", sent.title())
				.setCause(ex)
				.log();
		}
	}

	/**
	 * Writes the delivery, then its first attempt's job: a crash between the two leaves a
	 * queued row that {@link WebhookDeliveries#resumeStalled} finds.
	 */
	private String queue(Webhook webhook, String event, String eventId, NotificationsSent sent, boolean alert) {
		String id = UUID.randomUUID().toString();
		String payload = this.payloads.body(webhook.format(), eventId, event, sent);
		this.repository.insertDelivery(id, webhook.id(), event, sent.title(), payload, alert, this.clock.instant());
		this.scheduler.enqueue(new WebhookAttempt(id, 1));
		return id;
	}

	private Settings checked(Settings settings) {
		String name = (settings.name() != null) ? settings.name().strip() : "";
		if (name.isEmpty() || name.length() > 100) {
			throw new InvalidRequestException("name: required, at most 100 characters");
		}
		return new Settings(name, checkedUrl(settings.url()), checkedList("types", settings.types(), TYPES),
				checkedList("audiences", settings.audiences(), audiences()), checkedFormat(settings.format()));
	}

	static String checkedUrl(@Nullable String url) {
		if (url == null || url.isBlank()) {
			throw new InvalidRequestException("url: required");
		}
		if (url.length() > 2048) {
			throw new InvalidRequestException("url: at most 2048 characters");
		}
		URI uri;
		try {
			uri = new URI(url.strip());
		}
		catch (URISyntaxException ex) {
			throw new InvalidRequestException("url: not a valid URL");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new InvalidRequestException("url: must be an http or https URL");
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			throw new InvalidRequestException("url: must name a host");
		}
		if (uri.getRawUserInfo() != null) {
			throw new InvalidRequestException("url: must not contain credentials (use the signing secret)");
		}
		if (uri.getRawFragment() != null) {
			throw new InvalidRequestException("url: must not contain a fragment");
		}
		return uri.toString();
	}

	/** {@code scheme://host[:port]} of a checked URL. */
	static String origin(String url) {
		URI uri = URI.create(url);
		return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
	}

	/** Null means every value; an empty list or an unknown value is refused. */
	private static List<String> checkedList(String field, @Nullable List<String> values, List<String> allowed) {
		if (values == null) {
			return allowed;
		}
		if (values.isEmpty()) {
			throw new InvalidRequestException(field + ": choose at least one of " + String.join(", ", allowed));
		}
		Set<String> chosen = new LinkedHashSet<>();
		for (String value : values) {
			if (value == null || !allowed.contains(value)) {
				throw new InvalidRequestException(
						field + ": unknown value " + value + " (one of " + String.join(", ", allowed) + ")");
			}
			chosen.add(value);
		}
		// Stored in the canonical order, so lists compare and display the same way.
		return allowed.stream().filter(chosen::contains).toList();
	}

	private static String checkedFormat(@Nullable String format) {
		if (format == null) {
			return WebhookPayloads.VIGIL;
		}
		if (!WebhookPayloads.FORMATS.contains(format)) {
			throw new InvalidRequestException("format: one of " + String.join(", ", WebhookPayloads.FORMATS));
		}
		return format;
	}

	private static String checkedSecret(String secret) {
		if (secret.length() < 16 || secret.length() > 256 || !secret.chars().allMatch((c) -> c > 32 && c < 127)) {
			throw new InvalidRequestException("secret: 16 to 256 printable ASCII characters without spaces");
		}
		return secret;
	}

	/** {@code whsec_} and 32 random bytes, base64url. */
	static String newSecret() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static NotFoundException notFound() {
		return new NotFoundException("webhook not found");
	}

}
