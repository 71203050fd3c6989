package dev.vigil.webhooks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilProcess;
import dev.vigil.webhooks.WebhookReceiver.Answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A delivery whose first attempt failed is retried by the next Vigil process on the same
 * data directory: the retry is a stored job, not a timer in memory.
 */
class WebhookRestartIntegrationTests {

	private final List<VigilProcess> servers = new ArrayList<>();

	@AfterEach
	void destroyServers() {
		this.servers.forEach(VigilProcess::close);
	}

	@Test
	void aRetryScheduledBeforeAKillHappensAfterTheRestart() {
		Path dir = Path.of("target", "vigil-process", "webhooks-" + UUID.randomUUID()).toAbsolutePath();
		Path data = dir.resolve("data");
		int port = VigilProcess.freePort();
		// Long enough that the first process is gone before the retry is due.
		List<String> args = List.of("--vigil.webhooks.retry-delays=10s,10s", "--vigil.webhooks.jitter=0");
		try (WebhookReceiver receiver = new WebhookReceiver((n) -> Answer.of((n == 1) ? 500 : 200))) {
			VigilProcess first = start(data, port, dir.resolve("first-run.out"), args);
			first.awaitHealthy(Duration.ofSeconds(120));
			VigilClient root = VigilClient.root(port);
			JsonNode created = root
				.post("/api/admin/webhooks",
						Map.of("name", "restart", "url", receiver.url("/restart"), "types", List.of("info"),
								"audiences", List.of("admin")))
				.assertStatus(201)
				.json();
			receiver.secret(created.get("secret").asString());
			long id = created.get("webhook").get("id").asLong();
			root.post("/api/admin/notifications/send",
					Map.of("admin_id", root.adminId(), "type", "info", "title", "across a restart"))
				.assertStatus(201);

			JsonNode retrying = await().atMost(Duration.ofSeconds(30))
				.until(() -> latest(root, id), (d) -> d != null && d.get("status").asString().equals("retrying"));
			first.kill();
			assertThat(retrying.get("attempts").asInt()).isEqualTo(1);
			assertThat(retrying.get("response_code").asInt()).isEqualTo(500);
			assertThat(receiver.received()).hasSize(1);

			VigilProcess second = start(data, port, dir.resolve("second-run.out"), args);
			second.awaitHealthy(Duration.ofSeconds(120));
			VigilClient again = VigilClient.root(port);
			JsonNode delivered = await().atMost(Duration.ofSeconds(60))
				.until(() -> latest(again, id), (d) -> d.get("status").asString().equals("delivered"));
			assertThat(delivered.get("attempts").asInt()).isEqualTo(2);
			// Exactly one more request: the restart's own sweep and the stored job do not
			// both send it.
			await().during(Duration.ofSeconds(6))
				.atMost(Duration.ofSeconds(10))
				.until(() -> receiver.received().size() == 2);
			assertThat(receiver.received()).allSatisfy((r) -> assertThat(r.signatureValid()).isTrue());
			assertThat(receiver.received().get(1).header("X-Vigil-Delivery"))
				.isEqualTo(receiver.received().get(0).header("X-Vigil-Delivery"));
		}
	}

	private static JsonNode latest(VigilClient root, long id) {
		JsonNode deliveries = root.get("/api/admin/webhooks/" + id + "/deliveries?limit=1").json().get("deliveries");
		return deliveries.isEmpty() ? null : deliveries.get(0);
	}

	private VigilProcess start(Path data, int port, Path out, List<String> args) {
		VigilProcess server = VigilProcess.start(data, port, out, args);
		this.servers.add(server);
		return server;
	}

}
