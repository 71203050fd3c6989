package dev.vigil.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.vigil.support.LogDirectory;
import dev.vigil.support.LogLines;
import dev.vigil.support.SseClient;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alert rules on a real server whose own log source is a directory this test writes:
 * lines appended to the live file reach the rule through the shared tailer, and the
 * recipient gets real notifications (rows and SSE events). Windows of 2 s keep the real
 * clock's waits short; each test matches only lines carrying its own token.
 */
@VigilIntegrationTest
@TestPropertySource(properties = { "vigil.alerts.min-window=2s", "vigil.stream.max-per-admin=1000" })
class AlertsIntegrationTests {

	static final String ALERTS = "/api/admin/alerts";

	static final LogDirectory LOGS = LogDirectory.create("vigil-alerts-test");

	@DynamicPropertySource
	static void logDirectory(DynamicPropertyRegistry registry) {
		LOGS.register(registry);
	}

	@LocalServerPort
	int port;

	@Test
	void aRuleFiresOnceGroupsRepeatsWithinItsCoolDownRecoversAndStaysSilentWhenMuted() throws Exception {
		VigilClient root = VigilClient.root(this.port);
		VigilClient recipient = VigilClient.withNewAdmin(this.port, "viewer");
		String token = "t" + UUID.randomUUID().toString().substring(0, 8);
		long id = root.post(ALERTS, """
				{"name":"%s errors","source":"vigil","levels":["error"],"pattern":"%s","threshold":2,
				 "window_seconds":2,"cooldown_seconds":3600,"recipient_admin_ids":[%d]}
				""".formatted(token, token, recipient.adminId()))
			.assertStatus(201)
			.json()
			.get("rule")
			.get("id")
			.asLong();

		try (SseClient sse = SseClient.open(recipient, "/api/admin/notifications/stream")) {
			assertThat(sse.next().json().get("type").asString()).isEqualTo("unread_count");
			LOGS.append(
					line("error", token + " boom") + line("info", token + " fine") + line("error", token + " again"));

			SseClient.Event event = sse.next(Duration.ofSeconds(20));
			assertThat(event).isNotNull();
			JsonNode fired = event.json().get("notification");
			assertThat(fired.get("title").asString())
				.isEqualTo("Alert: " + token + " errors — 2 error matching lines in 2 s on vigil");
			assertThat(fired.get("type").asString()).isEqualTo("error");
			assertThat(fired.get("data").get("kind").asString()).isEqualTo("log_alert");
			assertThat(fired.get("data").get("rule_id").asLong()).isEqualTo(id);
			assertThat(fired.get("data").get("link").asString())
				.isEqualTo("/admin/logs?source=vigil&level=error&regex=" + token);
		}
		assertThat(rule(root, id).get("state").asString()).isEqualTo("firing");

		// More errors over several windows: grouped into the open firing, nobody told
		// again.
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
			LOGS.append(line("error", token + " more") + line("error", token + " more"));
			return rule(root, id).get("repeats").asLong() >= 2;
		});
		assertThat(alerts(recipient, token)).hasSize(1);

		// Quiet: under the threshold for a whole window, recovered, told once.
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(rule(root, id).get("state").asString()).isEqualTo("ok"));
		List<JsonNode> told = alerts(recipient, token);
		assertThat(told).extracting((n) -> n.get("title").asString())
			.containsExactly("Recovered: " + token + " errors",
					"Alert: " + token + " errors — 2 error matching lines in 2 s on vigil");
		assertThat(told.get(0).get("type").asString()).isEqualTo("success");
		JsonNode firings = root.get(ALERTS + "/" + id + "/firings").assertStatus(200).json().get("firings");
		assertThat(firings).hasSize(1);
		assertThat(firings.get(0).get("repeats").asLong()).isGreaterThanOrEqualTo(2);
		assertThat(firings.get(0).get("recovered_at").isNull()).isFalse();
		assertThat(firings.get(0).get("notified").asBoolean()).isTrue();

		// Muted: it fires and is recorded, and no one is told.
		JsonNode muted = root.post(ALERTS + "/" + id + "/mute", "{\"for\":\"1h\"}")
			.assertStatus(200)
			.json()
			.get("rule");
		assertThat(muted.get("muted").asBoolean()).isTrue();
		LOGS.append(line("error", token + " muted") + line("error", token + " muted"));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(rule(root, id).get("fire_count").asLong()).isEqualTo(2));
		JsonNode last = rule(root, id).get("last_firing");
		assertThat(last.get("notified").asBoolean()).isFalse();
		assertThat(alerts(recipient, token)).hasSize(2);

		JsonNode unmuted = root.delete(ALERTS + "/" + id + "/mute").assertStatus(200).json().get("rule");
		assertThat(unmuted.get("muted").asBoolean()).isFalse();
		assertThat(unmuted.get("muted_until").isNull()).isTrue();
		root.delete(ALERTS + "/" + id).assertStatus(200);
		root.get(ALERTS + "/" + id).assertStatus(404);
		List<String> actions = new ArrayList<>();
		root.get("/api/admin/audit?search=" + token + "&limit=100")
			.assertStatus(200)
			.json()
			.get("entries")
			.forEach((e) -> actions.add(e.get("action").asString()));
		assertThat(actions).contains("alert_rule.create", "alert_rule.mute", "alert_rule.delete");
	}

	@Test
	void rulesAreValidatedField_byField() {
		VigilClient admin = VigilClient.withNewAdmin(this.port, "admin");
		String valid = """
				"name":"n","source":"vigil","threshold":1,"window_seconds":10,"recipient_role":"admin"
				""".strip();
		assertField(admin.post(ALERTS, "{" + valid.replace("\"vigil\"", "\"nope\"") + "}"), "source");
		assertField(admin.post(ALERTS, "{" + valid + ",\"pattern\":\"(unclosed\"}"), "pattern");
		assertField(admin.post(ALERTS, "{" + valid + ",\"exclude\":\"[\"}"), "exclude");
		assertField(admin.post(ALERTS, "{" + valid + ",\"pattern\":\"" + "a".repeat(501) + "\"}"), "pattern");
		assertField(admin.post(ALERTS, "{" + valid + ",\"levels\":[\"loud\"]}"), "levels");
		assertField(admin.post(ALERTS, "{" + valid.replace("\"threshold\":1", "\"threshold\":0") + "}"), "threshold");
		assertField(admin.post(ALERTS, "{" + valid.replace("10", "1") + "}"), "window_seconds");
		assertField(admin.post(ALERTS, "{" + valid.replace("10", "86401") + "}"), "window_seconds");
		assertField(admin.post(ALERTS, "{" + valid.replace("\"admin\"", "\"king\"") + "}"), "recipient_role");
		assertField(admin.post(ALERTS, "{" + valid + ",\"recipient_admin_ids\":[1]}"), "recipient_role");
		assertField(
				admin.post(ALERTS, "{"
						+ valid.replace("\"recipient_role\":\"admin\"", "\"recipient_admin_ids\":[999999999]") + "}"),
				"recipient_admin_ids");
		assertField(admin.post(ALERTS, "{" + valid.replace("\"n\"", "\" \"") + "}"), "name");
		admin.post(ALERTS, "{\"threshold\":\"many\"}").assertStatus(400);

		long id = admin.post(ALERTS, "{" + valid + "}").assertStatus(201).json().get("rule").get("id").asLong();
		assertField(admin.post(ALERTS + "/" + id + "/mute", "{\"for\":\"soon\"}"), "for");
		assertField(admin.post(ALERTS + "/" + id + "/mute", "{}"), "for");
		assertField(admin.post(ALERTS + "/" + id + "/mute", "{\"until\":\"2000-01-01T00:00:00Z\"}"), "until");
		admin.put(ALERTS + "/999999999", "{" + valid + "}").assertStatus(404);
		admin.post(ALERTS + "/999999999/mute", "{\"for\":\"1h\"}").assertStatus(404);
		admin.get(ALERTS + "/999999999/firings").assertStatus(404);
		JsonNode updated = admin
			.put(ALERTS + "/" + id, "{" + valid.replace("\"n\"", "\"renamed\"") + ",\"enabled\":false}")
			.assertStatus(200)
			.json()
			.get("rule");
		assertThat(updated.get("name").asString()).isEqualTo("renamed");
		assertThat(updated.get("enabled").asBoolean()).isFalse();
		admin.delete(ALERTS + "/" + id).assertStatus(200);
	}

	private static void assertField(VigilClient.Response response, String field) {
		response.assertStatus(422);
		assertThat(response.json().get("fields").has(field)).as(response.body()).isTrue();
		assertThat(response.body()).doesNotContain("dev.vigil");
	}

	private static JsonNode rule(VigilClient client, long id) {
		return client.get(ALERTS + "/" + id).assertStatus(200).json().get("rule");
	}

	/** The recipient's alert notifications of this test, newest first. */
	private static List<JsonNode> alerts(VigilClient recipient, String token) {
		List<JsonNode> found = new ArrayList<>();
		recipient.get("/api/admin/notifications?limit=100")
			.assertStatus(200)
			.json()
			.get("notifications")
			.forEach((n) -> {
				if (n.get("title").asString().contains(token)) {
					found.add(n);
				}
			});
		return found;
	}

	private static String line(String level, String msg) {
		return LogLines.line(level, msg) + "\n";
	}

}
