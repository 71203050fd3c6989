package dev.vigil.dashboard;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dashboard history is in the database: a second Vigil process on the same data directory
 * serves the first one's points at once, before its own first tick.
 */
class DashboardRestartIntegrationTests {

	private final List<VigilProcess> servers = new ArrayList<>();

	@AfterEach
	void destroyServers() {
		this.servers.forEach(VigilProcess::close);
	}

	@Test
	void historySurvivesARestart() {
		Path dir = Path.of("target", "vigil-process", "dashboard-" + UUID.randomUUID()).toAbsolutePath();
		Path data = dir.resolve("data");
		int port = VigilProcess.freePort();

		VigilProcess first = start(data, port, dir.resolve("first-run.out"),
				List.of("--vigil.dashboard.interval=200ms"));
		first.awaitHealthy(Duration.ofSeconds(120));
		VigilClient root = VigilClient.root(port);
		await().atMost(Duration.ofSeconds(30)).until(() -> history(root).size() >= 5);
		JsonNode before = history(root);
		first.kill();
		Instant lastBefore = time(before.get(before.size() - 1));

		// A long interval: what the second process serves right away is the first one's.
		VigilProcess second = start(data, port, dir.resolve("second-run.out"),
				List.of("--vigil.dashboard.interval=1h"));
		second.awaitHealthy(Duration.ofSeconds(120));
		JsonNode after = history(VigilClient.root(port));
		assertThat(after.size()).isGreaterThanOrEqualTo(before.size());
		assertThat(time(after.get(0))).isEqualTo(time(before.get(0)));
		assertThat(after.valueStream().map(DashboardRestartIntegrationTests::time)).contains(lastBefore);
	}

	private static JsonNode history(VigilClient client) {
		return client.get("/api/admin/dashboard/history?range=1h").assertStatus(200).json().get("snapshots");
	}

	private static Instant time(JsonNode snapshot) {
		return Instant.parse(snapshot.get("time").asString());
	}

	private VigilProcess start(Path data, int port, Path out, List<String> args) {
		VigilProcess server = VigilProcess.start(data, port, out, args);
		this.servers.add(server);
		return server;
	}

}
