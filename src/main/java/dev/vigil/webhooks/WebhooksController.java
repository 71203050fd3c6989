package dev.vigil.webhooks;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.vigil.audit.AuditLog;
import dev.vigil.web.ListQuery;
import dev.vigil.webhooks.WebhookRepository.Delivery;
import dev.vigil.webhooks.WebhookRepository.Settings;
import dev.vigil.webhooks.WebhookRepository.Webhook;

/**
 * Webhook endpoints and their delivery logs (scope {@code admin:webhooks}: superadmins,
 * enforced by the security chain). A secret is only ever returned by create and rotate.
 */
@RestController
@RequestMapping("/api/admin/webhooks")
class WebhooksController {

	private final WebhookService webhooks;

	private final AuditLog audit;

	WebhooksController(WebhookService webhooks, AuditLog audit) {
		this.webhooks = webhooks;
		this.audit = audit;
	}

	/**
	 * @param types notification types; null for all
	 * @param audiences {@code all}, {@code admin}, {@code admins}, {@code role:<id>};
	 * null for all
	 * @param format {@code vigil} (default) or {@code slack}
	 * @param secret create only; null to have one generated
	 */
	record WebhookRequest(@Nullable String name, @Nullable String url, @Nullable List<String> types,
			@Nullable List<String> audiences, @Nullable String format, @Nullable String secret) {

		Settings settings() {
			return new Settings(this.name, this.url, this.types, this.audiences, this.format);
		}

	}

	record SecretRequest(@Nullable String secret) {
	}

	/** An endpoint as listed: the secret only as a hint of its start. */
	record WebhookView(long id, String name, String url, List<String> types, List<String> audiences, String format,
			boolean enabled, String secretHint, int consecutiveFailures, @Nullable Instant alertedAt, Instant createdAt,
			Instant updatedAt) {

		static WebhookView of(Webhook w) {
			String hint = w.secret().substring(0, Math.min(w.secret().length(), 10)) + "…";
			return new WebhookView(w.id(), w.name(), w.url(), w.types(), w.audiences(), w.format(), w.enabled(), hint,
					w.consecutiveFailures(), w.alertedAt(), w.createdAt(), w.updatedAt());
		}

	}

	record DeliveryView(String id, String event, String summary, String status, int attempts,
			@Nullable Integer responseCode, @Nullable Long durationMs, @Nullable String error,
			@Nullable Instant nextAttemptAt, @Nullable Instant deliveredAt, Instant createdAt, Instant updatedAt) {

		static DeliveryView of(Delivery d) {
			return new DeliveryView(d.id(), d.event(), d.summary(), d.status(), d.attempts(), d.responseCode(),
					d.durationMs(), d.error(), d.nextAttemptAt(), d.deliveredAt(), d.createdAt(), d.updatedAt());
		}

	}

	@GetMapping
	Map<String, Object> list() {
		List<WebhookView> all = this.webhooks.list().stream().map(WebhookView::of).toList();
		return Map.of("webhooks", all, "total", all.size());
	}

	/** The choices a form offers. */
	@GetMapping("/options")
	Map<String, Object> options() {
		return Map.of("types", WebhookService.TYPES, "audiences", this.webhooks.audiences(), "formats",
				WebhookPayloads.FORMATS);
	}

	@GetMapping("/{id}")
	Map<String, Object> get(@PathVariable long id) {
		return Map.of("webhook", WebhookView.of(this.webhooks.get(id)));
	}

	/** The secret is in this answer and never again. */
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> create(@RequestBody WebhookRequest request) {
		WebhookService.Created created = this.webhooks.create(request.settings(), request.secret());
		Webhook webhook = created.webhook();
		this.audit.record("webhook.create", "webhook", webhook.id(), describe(webhook));
		return Map.of("webhook", WebhookView.of(webhook), "secret", created.secret());
	}

	@PutMapping("/{id}")
	Map<String, Object> update(@PathVariable long id, @RequestBody WebhookRequest request) {
		Webhook webhook = this.webhooks.update(id, request.settings());
		this.audit.record("webhook.update", "webhook", id, describe(webhook));
		return Map.of("webhook", WebhookView.of(webhook));
	}

	/** A new secret (given, or generated), in this answer and never again. */
	@PostMapping("/{id}/rotate-secret")
	Map<String, Object> rotateSecret(@PathVariable long id, @RequestBody(required = false) SecretRequest request) {
		String secret = this.webhooks.rotateSecret(id, (request != null) ? request.secret() : null);
		this.audit.record("webhook.rotate_secret", "webhook", id, "");
		return Map.of("webhook", WebhookView.of(this.webhooks.get(id)), "secret", secret);
	}

	@PostMapping("/{id}/enable")
	Map<String, Object> enable(@PathVariable long id) {
		Webhook webhook = this.webhooks.setEnabled(id, true);
		this.audit.record("webhook.enable", "webhook", id, webhook.name());
		return Map.of("webhook", WebhookView.of(webhook));
	}

	@PostMapping("/{id}/disable")
	Map<String, Object> disable(@PathVariable long id) {
		Webhook webhook = this.webhooks.setEnabled(id, false);
		this.audit.record("webhook.disable", "webhook", id, webhook.name());
		return Map.of("webhook", WebhookView.of(webhook));
	}

	@DeleteMapping("/{id}")
	Map<String, Object> delete(@PathVariable long id) {
		Webhook webhook = this.webhooks.get(id);
		this.webhooks.delete(id);
		this.audit.record("webhook.delete", "webhook", id, webhook.name());
		return Map.of("ok", true);
	}

	/** Queues a test delivery through the same path as notifications; its log row. */
	@PostMapping("/{id}/test")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, Object> test(@PathVariable long id) {
		Delivery delivery = this.webhooks.sendTest(id);
		this.audit.record("webhook.test", "webhook", id, delivery.id());
		return Map.of("delivery", DeliveryView.of(delivery));
	}

	/** The delivery log, newest first. */
	@GetMapping("/{id}/deliveries")
	Map<String, Object> deliveries(@PathVariable long id, @RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable Integer offset) {
		ListQuery page = ListQuery.page(limit, offset);
		List<DeliveryView> rows = this.webhooks.deliveries(id, page).stream().map(DeliveryView::of).toList();
		return Map.of("deliveries", rows, "total", this.webhooks.countDeliveries(id));
	}

	private static String describe(Webhook webhook) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("name", webhook.name());
		// Only the origin: a path or query (a Slack URL's token) is a credential, and the
		// audit log is read by more than superadmins.
		details.put("url", WebhookService.origin(webhook.url()));
		details.put("types", String.join(",", webhook.types()));
		details.put("audiences", String.join(",", webhook.audiences()));
		details.put("format", webhook.format());
		return details.toString();
	}

}
