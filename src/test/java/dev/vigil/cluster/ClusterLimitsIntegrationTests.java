package dev.vigil.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import dev.vigil.support.Services;
import dev.vigil.support.SseClient;
import dev.vigil.support.TestThreads;
import dev.vigil.support.TwoInstances;
import dev.vigil.support.VigilClient;
import dev.vigil.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Vigil processes as one cluster: the per-admin stream cap, a rate limit and the
 * dashboard hold across both. The last test kills instance A.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterLimitsIntegrationTests {

	private static final String STREAM = "/api/admin/notifications/stream";

	private static final String DASHBOARD = "/api/admin/dashboard";

	private TwoInstances pair;

	@BeforeAll
	void start() throws IOException {
		Services.requireRedis();
		Path root = Files.createTempDirectory("vigil-cluster-limits");
		this.pair = TwoInstances.start(root, List.of("--vigil.stream.max-per-admin=3", "--vigil.stream.heartbeat=300ms",
				"--vigil.api-keys.rate-limit=5", "--vigil.dashboard.interval=500ms"));
	}

	@AfterAll
	void stop() {
		if (this.pair != null) {
			this.pair.close();
		}
	}

	@Test
	@Order(1)
	void theDashboardOnAListsBothInstancesWithTheirStreamsAndTheClusterTotal() {
		VigilClient onA = VigilClient.root(this.pair.portA);
		VigilClient onB = VigilClient.root(this.pair.portB);
		try (SseClient dashboardOnB = SseClient.open(onB, DASHBOARD + "/stream");
				SseClient dashboardOnA = SseClient.open(onA, DASHBOARD + "/stream")) {
			assertThat(dashboardOnB.status()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				JsonNode snapshot = dashboardOnA.next(Duration.ofSeconds(5)).json();
				List<JsonNode> instances = new ArrayList<>();
				snapshot.get("instances").forEach(instances::add);
				assertThat(instances).extracting((i) -> i.get("name").asString()).containsExactly("a", "b");
				assertThat(instances).extracting((i) -> i.get("self").asBoolean()).containsExactly(true, false);
				assertThat(instances).allSatisfy((i) -> assertThat(i.get("streams").asLong()).isEqualTo(1));
				// Each instance's own dashboard stream, added up.
				assertThat(snapshot.get("connections").get("dashboard").get("sse").asLong()).isEqualTo(2);
				assertThat(snapshot.get("threads").asLong())
					.isEqualTo(instances.get(0).get("threads").asLong() + instances.get(1).get("threads").asLong());
			});
		}
		JsonNode rest = onA.get(DASHBOARD).assertStatus(200).json();
		assertThat(rest.get("instances").size()).isEqualTo(2);
	}

	@Test
	@Order(2)
	void anApiKeysBudgetSpentOnAIsSpentOnB() {
		String key = VigilClient.root(this.pair.portA)
			.post("/api/admin/api-keys", Map.of("name", "cluster", "scopes", List.of("dashboard:read")))
			.assertStatus(201)
			.json()
			.get("secret")
			.asString();
		Map<String, String> bearer = Map.of("Authorization", "Bearer " + key);
		VigilClient machineOnA = new VigilClient(this.pair.portA);
		for (int i = 1; i <= 5; i++) {
			assertThat(machineOnA.send("GET", "/api/v1/dashboard", null, bearer)
				.assertStatus(200)
				.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(5 - i));
		}
		VigilClient.Response refused = new VigilClient(this.pair.portB).send("GET", "/api/v1/dashboard", null, bearer)
			.assertProblem(429, "too many requests, please try again later");
		assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
	}

	@Test
	@Order(3)
	void anAdminsStreamsCountOnBothInstancesUntilTheyCloseOrTheirInstanceDies() {
		String email = VigilClient.createAdmin(this.pair.portA, "viewer");
		VigilClient onA = VigilClient.loggedIn(this.pair.portA, email);
		VigilClient onB = VigilClient.loggedIn(this.pair.portB, email);
		List<SseClient> open = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				SseClient stream = SseClient.open(onA, STREAM);
				assertThat(stream.status()).isEqualTo(200);
				open.add(stream);
			}
			try (SseClient refused = SseClient.open(onB, STREAM)) {
				assertThat(refused.status()).as("a fourth stream, on the other instance").isEqualTo(429);
			}
			try (WsClient refused = WsClient.connect(onB, STREAM)) {
				assertThat(refused.closeCode(Duration.ofSeconds(5))).as("over WebSocket too").isEqualTo(1013);
			}
			// Past the instance TTL (5 s): a live instance renews its share.
			TestThreads.pause(6_000);
			try (SseClient refused = SseClient.open(onB, STREAM)) {
				assertThat(refused.status()).as("still counted after the TTL").isEqualTo(429);
			}

			// One closed on A frees a slot for B (A notices at its next heartbeat).
			open.remove(0).close();
			SseClient onBAfterClose = await().atMost(Duration.ofSeconds(20))
				.until(() -> SseClient.open(onB, STREAM), this::admittedElseClosed);
			open.add(onBAfterClose);
			try (SseClient refused = SseClient.open(onB, STREAM)) {
				assertThat(refused.status()).as("at the cap again: 2 on A, 1 on B").isEqualTo(429);
			}

			// A dies without a word: its share expires with it.
			this.pair.a.kill();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> SseClient.open(onB, STREAM), this::admittedElseClosed)
				.close();
		}
		finally {
			open.forEach(SseClient::close);
		}
	}

	@Test
	@Order(4)
	void theOtherStopsCleanlyWithAStreamOpen() {
		VigilClient onB = VigilClient.root(this.pair.portB);
		try (SseClient stream = SseClient.open(onB, STREAM)) {
			assertThat(stream.status()).isEqualTo(200);
			assertThat(this.pair.b.terminate(Duration.ofSeconds(30))).isTrue();
		}
		String output = this.pair.b.output();
		// Streams its earlier clients left may still count until their next heartbeat.
		assertThat(output).containsPattern("closed [1-9]\\d* live streams for shutdown");
		assertThat(output.substring(output.indexOf("live streams for shutdown"))).doesNotContain("Exception")
			.doesNotContain(" ERROR ");
	}

	private boolean admittedElseClosed(SseClient stream) {
		if (stream.status() == 200) {
			return true;
		}
		stream.close();
		return false;
	}

}
