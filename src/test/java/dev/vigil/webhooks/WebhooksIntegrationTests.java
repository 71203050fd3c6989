package dev.vigil.webhooks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;
import dev.vigil.webhooks.WebhookReceiver.Answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhook delivery against real HTTP receivers, through the real job queue: signed
 * bodies, retries, timeouts, redirects, formats, validation and audit. Its own data
 * directory, so that its job server is the only one that runs its deliveries.
 */
@VigilIntegrationTest
@TestPropertySource(properties = { "jobrunr.background-job-server.enabled=true", "vigil.webhooks.retry-delays=1s,1s,1s",
		"vigil.webhooks.request-timeout=4s" })
class WebhooksIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("vigil.storage.data-dir",
				() -> Path.of("target", "webhooks-it", UUID.randomUUID().toString()).toAbsolutePath().toString());
	}

	@LocalServerPort
	int port;

	private final List<WebhookReceiver> receivers = new ArrayList<>();

	private final List<Long> webhooks = new ArrayList<>();

	@AfterEach
	void cleanUp() {
		VigilClient root = VigilClient.root(this.port);
		this.webhooks.forEach((id) -> root.delete("/api/admin/webhooks/" + id));
		this.receivers.forEach(WebhookReceiver::close);
	}

	@Test
	void aSignedDeliveryIsRetriedAfterTwo500sAndDeliveredExactlyOnce() {
		VigilClient root = VigilClient.root(this.port);
		WebhookReceiver receiver = receiver((n) -> Answer.of((n <= 2) ? 500 : 200));
		long id = create(root, receiver, Map.of("name", "retrying", "url", receiver.url("/hook"), "types",
				List.of("warning"), "audiences", List.of("admin")));

		root.post("/api/admin/notifications/send", Map.of("admin_id", root.adminId(), "type", "warning", "title",
				"Disk almost full", "message", "92% used"))
			.assertStatus(201);

		JsonNode delivery = awaitDelivery(root, id, "delivered", Duration.ofSeconds(60));
		assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
		assertThat(delivery.get("response_code").asInt()).isEqualTo(200);
		assertThat(delivery.get("summary").asString()).isEqualTo("Disk almost full");
		assertThat(delivery.get("duration_ms").isNumber()).isTrue();
		assertThat(delivery.get("error").isNull()).isTrue();

		List<WebhookReceiver.Received> received = receiver.received();
		assertThat(received).hasSize(3);
		assertThat(received).allSatisfy((r) -> {
			assertThat(r.signatureValid()).as("signature and timestamp verify").isTrue();
			assertThat(r.header("Content-Type")).isEqualTo("application/json");
			assertThat(r.header("X-Vigil-Delivery")).isEqualTo(delivery.get("id").asString());
		});
		assertThat(received.stream().map((r) -> r.header("X-Vigil-Attempt"))).containsExactly("1", "2", "3");
		// The same bytes every time: only the signature's timestamp may change.
		assertThat(received.stream().map(WebhookReceiver.Received::body).distinct()).hasSize(1);
		JsonNode body = JSON.readTree(received.get(0).body());
		assertThat(body.get("event").asString()).isEqualTo("notification");
		assertThat(body.get("notification").get("type").asString()).isEqualTo("warning");
		assertThat(body.get("notification").get("title").asString()).isEqualTo("Disk almost full");
		assertThat(body.get("notification").get("message").asString()).isEqualTo("92% used");
		assertThat(body.get("audience").asString()).isEqualTo("admin");
		assertThat(body.get("recipients").get(0).get("admin_id").asLong()).isEqualTo(root.adminId());
		assertThat(body.get("sent_at").asString()).isNotEmpty();

		// Nothing more arrives after the success.
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(5))
			.until(() -> receiver.received().size() == 3);
		assertThat(root.get("/api/admin/webhooks/" + id).json().get("webhook").get("consecutive_failures").asInt())
			.isZero();
	}

	@Test
	void aHangingReceiverDoesNotDelayAnotherEndpoint() {
		VigilClient root = VigilClient.root(this.port);
		WebhookReceiver hanging = receiver((n) -> Answer.hang());
		WebhookReceiver fast = receiver((n) -> Answer.of(204));
		Map<String, Object> common = Map.of("types", List.of("info"), "audiences", List.of("admin"));
		long hangingId = create(root, hanging, with(common, "name", "hanging", "url", hanging.url("/slow")));
		long fastId = create(root, fast, with(common, "name", "fast", "url", fast.url("/fast")));

		root.post("/api/admin/notifications/send",
				Map.of("admin_id", root.adminId(), "type", "info", "title", "hang test"))
			.assertStatus(201);
		long sent = System.nanoTime();
		await().atMost(Duration.ofSeconds(30)).until(() -> !hanging.received().isEmpty() && !fast.received().isEmpty());
		JsonNode delivered = awaitDelivery(root, fastId, "delivered", Duration.ofSeconds(30));
		assertThat(delivered.get("attempts").asInt()).isEqualTo(1);
		long fastMs = TimeUnit.NANOSECONDS.toMillis(fast.received().get(0).receivedAtNanos() - sent);
		long hangingMs = TimeUnit.NANOSECONDS.toMillis(hanging.received().get(0).receivedAtNanos() - sent);
		// Both were taken up together (one job poll), not one after the other's request
		// timeout (4 s).
		assertThat(Math.abs(fastMs - hangingMs)).as("fast %d ms, hanging %d ms after the send", fastMs, hangingMs)
			.isLessThan(4000);

		// The hanging one is cut off by the request timeout and retried, not held.
		JsonNode timedOut = await().atMost(Duration.ofSeconds(30))
			.until(() -> latest(root, hangingId), (d) -> d != null && d.get("attempts").asInt() >= 1);
		assertThat(timedOut.get("status").asString()).isIn("retrying", "sending", "failed");
		assertThat(timedOut.get("error").asString()).contains("timed out after 4000 ms");
		assertThat(timedOut.get("duration_ms").asLong()).isBetween(3900L, 8000L);
	}

	@Test
	void aRedirectIsNotFollowed() {
		VigilClient root = VigilClient.root(this.port);
		WebhookReceiver target = receiver((n) -> Answer.of(200));
		WebhookReceiver redirecting = receiver((n) -> new Answer(302, Map.of("Location", target.url("/elsewhere"))));
		long id = create(root, redirecting, Map.of("name", "redirecting", "url", redirecting.url("/moved"), "types",
				List.of("error"), "audiences", List.of("admin")));

		root.post("/api/admin/notifications/send",
				Map.of("admin_id", root.adminId(), "type", "error", "title", "redirect test"))
			.assertStatus(201);
		JsonNode first = await().atMost(Duration.ofSeconds(30))
			.until(() -> latest(root, id), (d) -> d != null && d.get("attempts").asInt() >= 1);
		assertThat(first.get("response_code").asInt()).isEqualTo(302);
		assertThat(first.get("error").asString())
			.isEqualTo("redirect not followed (HTTP 302 to " + target.url("/elsewhere") + ")");
		assertThat(redirecting.received()).isNotEmpty();
		assertThat(target.received()).isEmpty();
	}

	@Test
	void slackFormatSendsTextOnly() {
		VigilClient root = VigilClient.root(this.port);
		WebhookReceiver receiver = receiver((n) -> Answer.of(200));
		long id = create(root, receiver, Map.of("name", "slack", "url", receiver.url("/services/T0/B0/x"), "types",
				List.of("success"), "audiences", List.of("admin"), "format", "slack"));

		root.post("/api/admin/notifications/send", Map.of("admin_id", root.adminId(), "type", "success", "title",
				"Deploy <done> & dusted", "message", "v1.2 is live"))
			.assertStatus(201);
		awaitDelivery(root, id, "delivered", Duration.ofSeconds(30));
		JsonNode body = JSON.readTree(receiver.received().get(0).body());
		assertThat(body.propertyNames()).containsExactly("text");
		assertThat(body.get("text").asString()).isEqualTo("*[SUCCESS] Deploy &lt;done&gt; &amp; dusted*\nv1.2 is live");
		assertThat(receiver.received().get(0).signatureValid()).isTrue();
	}

	@Test
	void onlyMatchingTypesAndAudiencesAreDeliveredAndTestEventsGoThroughTheSamePath() {
		VigilClient root = VigilClient.root(this.port);
		WebhookReceiver receiver = receiver((n) -> Answer.of(200));
		long id = create(root, receiver, Map.of("name", "broadcasts", "url", receiver.url("/all"), "types",
				List.of("info"), "audiences", List.of("all")));

		// To one admin, and of another type: neither is for this endpoint.
		root.post("/api/admin/notifications/send", Map.of("admin_id", root.adminId(), "type", "info", "title", "one"))
			.assertStatus(201);
		root.post("/api/admin/notifications/send", Map.of("all", true, "type", "error", "title", "wrong type"))
			.assertStatus(201);
		root.post("/api/admin/notifications/send", Map.of("all", true, "type", "info", "title", "for everyone"))
			.assertStatus(201);
		JsonNode delivered = awaitDelivery(root, id, "delivered", Duration.ofSeconds(30));
		assertThat(delivered.get("summary").asString()).isEqualTo("for everyone");
		JsonNode body = JSON.readTree(receiver.received().get(0).body());
		assertThat(body.get("audience").asString()).isEqualTo("all");
		assertThat(body.get("recipients").size()).isGreaterThanOrEqualTo(1);

		// Disabled: sends are not queued; a test still goes through.
		root.post("/api/admin/webhooks/" + id + "/disable", null).assertStatus(200);
		root.post("/api/admin/notifications/send", Map.of("all", true, "type", "info", "title", "while disabled"))
			.assertStatus(201);
		JsonNode test = root.post("/api/admin/webhooks/" + id + "/test", null).assertStatus(202).json().get("delivery");
		assertThat(test.get("status").asString()).isEqualTo("queued");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> latest(root, id), (d) -> d.get("status").asString().equals("delivered"));
		JsonNode deliveries = root.get("/api/admin/webhooks/" + id + "/deliveries").json();
		assertThat(deliveries.get("total").asInt()).isEqualTo(2);
		assertThat(deliveries.get("deliveries").get(0).get("event").asString()).isEqualTo("test");
		assertThat(receiver.received()).hasSize(2);
		assertThat(receiver.received().get(1).header("X-Vigil-Event")).isEqualTo("test");
		assertThat(receiver.received().get(1).signatureValid()).isTrue();
	}

	@Test
	void settingsAreValidatedAndChangesAudited() {
		VigilClient root = VigilClient.root(this.port);
		Map<String, Object> good = Map.of("name", "validated", "url", "https://hooks.example.com/x");
		root.post("/api/admin/webhooks", with(good, "url", "ftp://example.com/x"))
			.assertProblem(400, "url: must be an http or https URL");
		root.post("/api/admin/webhooks", with(good, "url", "https://user:pw@example.com/x"))
			.assertProblem(400, "url: must not contain credentials (use the signing secret)");
		root.post("/api/admin/webhooks", with(good, "url", "http:// nope")).assertProblem(400, "url: not a valid URL");
		root.post("/api/admin/webhooks", with(good, "url", "/relative"))
			.assertProblem(400, "url: must be an http or https URL");
		root.post("/api/admin/webhooks", with(good, "types", List.of("info", "bogus")))
			.assertProblem(400, "types: unknown value bogus (one of info, success, warning, error)");
		root.post("/api/admin/webhooks", with(good, "types", List.of()))
			.assertProblem(400, "types: choose at least one of info, success, warning, error");
		root.post("/api/admin/webhooks", with(good, "audiences", List.of("role:nobody"))).assertStatus(400);
		root.post("/api/admin/webhooks", with(good, "format", "xml")).assertProblem(400, "format: one of vigil, slack");
		root.post("/api/admin/webhooks", with(good, "secret", "short")).assertStatus(400);
		root.post("/api/admin/webhooks", Map.of("url", "https://example.com"))
			.assertProblem(400, "name: required, at most 100 characters");
		root.post("/api/admin/webhooks", "not json").assertStatus(400);

		JsonNode created = root.post("/api/admin/webhooks", good).assertStatus(201).json();
		long id = created.get("webhook").get("id").asLong();
		this.webhooks.add(id);
		String secret = created.get("secret").asString();
		assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
		JsonNode listed = root.get("/api/admin/webhooks/" + id).assertStatus(200).json().get("webhook");
		assertThat(listed.has("secret")).isFalse();
		assertThat(listed.get("secret_hint").asString()).isEqualTo(secret.substring(0, 10) + "…");
		assertThat(listed.get("types").size()).isEqualTo(4);
		assertThat(listed.get("format").asString()).isEqualTo("vigil");
		assertThat(root.get("/api/admin/webhooks").body()).doesNotContain(secret);

		root.put("/api/admin/webhooks/" + id,
				Map.of("name", "renamed", "url", "https://hooks.example.com/y", "types", List.of("error", "warning")))
			.assertStatus(200);
		assertThat(root.get("/api/admin/webhooks/" + id).json().get("webhook").get("types").toString())
			.isEqualTo("[\"warning\",\"error\"]");
		String rotated = root.post("/api/admin/webhooks/" + id + "/rotate-secret", null)
			.assertStatus(200)
			.json()
			.get("secret")
			.asString();
		assertThat(rotated).isNotEqualTo(secret);
		root.post("/api/admin/webhooks/" + id + "/disable", null).assertStatus(200);
		root.post("/api/admin/webhooks/" + id + "/enable", null).assertStatus(200);
		root.put("/api/admin/webhooks/999999999", good).assertProblem(404, "webhook not found");

		VigilClient admin = VigilClient.withNewAdmin(this.port, "admin");
		admin.get("/api/admin/webhooks").assertProblem(403, "insufficient permissions");
		admin.post("/api/admin/webhooks", good).assertProblem(403, "insufficient permissions");

		root.delete("/api/admin/webhooks/" + id).assertStatus(200);
		root.get("/api/admin/webhooks/" + id).assertProblem(404, "webhook not found");

		JsonNode audit = root.get("/api/admin/audit?limit=100&search=webhook").json();
		List<String> actions = new ArrayList<>();
		audit.get("entries").forEach((e) -> {
			if (e.get("entity_id").asString().equals(Long.toString(id))) {
				actions.add(e.get("action").asString());
			}
		});
		assertThat(actions).contains("webhook.create", "webhook.update", "webhook.rotate_secret", "webhook.disable",
				"webhook.enable", "webhook.delete");
		assertThat(audit.toString()).doesNotContain(secret).doesNotContain(rotated).doesNotContain("/x\"");
	}

	@Test
	void aDeliveryThatFailsForGoodAlertsSuperadminsOnceAndTheAlertDoesNotLoop() {
		VigilClient root = VigilClient.root(this.port);
		WebhookReceiver broken = receiver((n) -> Answer.of(503));
		// The failing endpoint also takes the superadmins' error notifications: its own
		// alert is delivered to it, fails, and alerts no one.
		long id = create(root, broken, Map.of("name", "broken", "url", broken.url("/down"), "types",
				List.of("info", "error"), "audiences", List.of("admin", "role:superadmin")));
		long before = root.get("/api/admin/notifications?limit=100").json().get("total").asLong();

		root.post("/api/admin/notifications/send",
				Map.of("admin_id", root.adminId(), "type", "info", "title", "will fail"))
			.assertStatus(201);
		root.post("/api/admin/notifications/send",
				Map.of("admin_id", root.adminId(), "type", "info", "title", "will fail too"))
			.assertStatus(201);
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			JsonNode all = root.get("/api/admin/webhooks/" + id + "/deliveries").json().get("deliveries");
			assertThat(all.size()).isEqualTo(3);
			all.forEach((d) -> assertThat(d.get("status").asString()).isEqualTo("failed"));
		});
		JsonNode log = root.get("/api/admin/webhooks/" + id + "/deliveries").json().get("deliveries");
		log.forEach((d) -> {
			assertThat(d.get("attempts").asInt()).isEqualTo(4);
			assertThat(d.get("response_code").asInt()).isEqualTo(503);
			assertThat(d.get("error").asString()).isEqualTo("HTTP 503");
		});
		// Two sends and one alert (once per outage), whose own failure raised nothing.
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode deliveries = root.get("/api/admin/webhooks/" + id + "/deliveries").json();
			assertThat(deliveries.get("total").asInt()).isEqualTo(3);
		});
		JsonNode notifications = root.get("/api/admin/notifications?limit=100").json();
		assertThat(notifications.get("total").asLong()).isEqualTo(before + 3);
		assertThat(notifications.get("notifications").get(0).get("title").asString())
			.isEqualTo("Webhook failing: broken");
		assertThat(root.get("/api/admin/webhooks/" + id).json().get("webhook").get("consecutive_failures").asInt())
			.isEqualTo(12);
	}

	private WebhookReceiver receiver(java.util.function.IntFunction<Answer> answers) {
		WebhookReceiver receiver = new WebhookReceiver(answers);
		this.receivers.add(receiver);
		return receiver;
	}

	private long create(VigilClient root, WebhookReceiver receiver, Map<String, Object> settings) {
		JsonNode created = root.post("/api/admin/webhooks", settings).assertStatus(201).json();
		receiver.secret(created.get("secret").asString());
		long id = created.get("webhook").get("id").asLong();
		this.webhooks.add(id);
		return id;
	}

	private static JsonNode latest(VigilClient root, long id) {
		JsonNode deliveries = root.get("/api/admin/webhooks/" + id + "/deliveries?limit=1").json().get("deliveries");
		return deliveries.isEmpty() ? null : deliveries.get(0);
	}

	private static JsonNode awaitDelivery(VigilClient root, long id, String status, Duration timeout) {
		return await().atMost(timeout)
			.until(() -> latest(root, id), (d) -> d != null && d.get("status").asString().equals(status));
	}

	private static Map<String, Object> with(Map<String, Object> base, Object... entries) {
		Map<String, Object> map = new java.util.LinkedHashMap<>(base);
		for (int i = 0; i < entries.length; i += 2) {
			map.put((String) entries[i], entries[i + 1]);
		}
		return map;
	}

}
