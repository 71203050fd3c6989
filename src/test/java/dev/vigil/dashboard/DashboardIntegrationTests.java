package dev.vigil.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.vigil.support.SseClient;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;
import dev.vigil.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard through real clients on a real port. A short interval keeps ticks
 * observable; a short heartbeat makes closed SSE clients go away quickly.
 */
@VigilIntegrationTest
@TestPropertySource(properties = { "vigil.dashboard.interval=500ms", "vigil.stream.heartbeat=300ms",
		"vigil.stream.max-per-admin=100" })
class DashboardIntegrationTests {

	static final String DASHBOARD = "/api/admin/dashboard";

	static final String STREAM = DASHBOARD + "/stream";

	static final long INTERVAL_MS = 500;

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Test
	void snapshotHasEveryFieldWithSaneValues() {
		VigilClient root = VigilClient.root(this.port);
		JsonNode snapshot = root.get(DASHBOARD).assertStatus(200).json();
		// Counters that may legitimately be zero: present, and whole numbers not below
		// zero.
		for (String field : List.of("queued_jobs", "running_jobs", "failed_jobs_24h", "wal_size", "uptime_seconds")) {
			assertThat(snapshot.get(field)).as(field).isNotNull();
			assertThat(snapshot.get(field).isIntegralNumber()).as(field).isTrue();
			assertThat(snapshot.get(field).asLong()).as(field).isNotNegative();
		}
		assertThat(snapshot.get("active_sessions").asLong()).isGreaterThanOrEqualTo(1);
		assertThat(snapshot.get("db_size").asLong()).isPositive();
		assertThat(snapshot.get("heap_used").asLong()).isPositive();
		assertThat(snapshot.get("heap_max").asLong()).isNotZero();
		assertThat(snapshot.get("threads").asInt()).isPositive();
		assertThat(snapshot.get("connections").isObject()).isTrue();
		assertThat(snapshot.get("log_lines_per_second").isNumber()).isTrue();
		assertThat(snapshot.get("log_lines_per_second").asDouble()).isNotNegative();
		assertThat(Instant.parse(snapshot.get("time").asString())).isBeforeOrEqualTo(Instant.now());
		JsonNode http = snapshot.get("http");
		for (String field : List.of("requests", "2xx", "3xx", "4xx", "5xx", "mean_ms")) {
			assertThat(http.has(field)).as(field).isTrue();
		}
		// The login was served before; its timer may be recorded just after the client
		// saw the response.
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			JsonNode later = root.get(DASHBOARD).json().get("http");
			assertThat(later.get("requests").asLong()).isPositive();
			assertThat(later.get("2xx").asLong()).isPositive();
			assertThat(later.get("mean_ms").asDouble()).isPositive();
		});
	}

	@Test
	void aloneTheSnapshotListsThisInstanceWithTheSameFiguresAndHistoryHasNoInstances() {
		VigilClient root = VigilClient.root(this.port);
		JsonNode snapshot = root.get(DASHBOARD).assertStatus(200).json();
		assertThat(snapshot.get("instances").size()).isEqualTo(1);
		JsonNode self = snapshot.get("instances").get(0);
		assertThat(self.get("self").asBoolean()).isTrue();
		assertThat(self.get("name").asString()).isNotBlank();
		for (String field : List.of("threads", "heap_used", "heap_max", "uptime_seconds")) {
			assertThat(self.get(field).asLong()).as(field).isEqualTo(snapshot.get(field).asLong());
		}
		assertThat(self.get("http")).isEqualTo(snapshot.get("http"));
		assertThat(self.get("connections")).isEqualTo(snapshot.get("connections"));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> root.get(DASHBOARD + "/history").json().get("snapshots").size() > 0);
		root.get(DASHBOARD + "/history")
			.json()
			.get("snapshots")
			.forEach((point) -> assertThat(point.has("instances")).isFalse());
	}

	@Test
	void everyRoleMayReadTheDashboardButOnlyWhenAuthenticated() {
		VigilClient anonymous = new VigilClient(this.port);
		anonymous.get(DASHBOARD).assertStatus(401);
		anonymous.get(DASHBOARD + "/history").assertStatus(401);
		anonymous.get(DASHBOARD + "/online").assertStatus(401);
		try (SseClient sse = SseClient.open(anonymous, STREAM)) {
			assertThat(sse.status()).isEqualTo(401);
		}

		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		viewer.get(DASHBOARD).assertStatus(200);
		viewer.get(DASHBOARD + "/history").assertStatus(200);
		viewer.get(DASHBOARD + "/online").assertStatus(200);
		try (SseClient sse = SseClient.open(viewer, STREAM)) {
			assertThat(sse.status()).isEqualTo(200);
			assertThat(sse.next().name()).isEqualTo("metrics");
		}
	}

	@Test
	void sseGetsTheLatestSnapshotAtOnceThenOnePerTick() {
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		try (SseClient sse = SseClient.open(viewer, STREAM)) {
			assertThat(sse.status()).isEqualTo(200);
			assertThat(sse.header("Content-Type")).startsWith("text/event-stream");
			SseClient.Event first = sse.next(Duration.ofSeconds(1));
			assertThat(first).as("metrics within 1 s of connecting").isNotNull();
			assertThat(sse.retry()).isEqualTo("10000");
			assertThat(first.name()).isEqualTo("metrics");
			assertThat(first.id()).isNull();
			assertThat(first.json().get("db_size").asLong()).isPositive();

			SseClient.Event second = sse.next(Duration.ofMillis(INTERVAL_MS * 4));
			assertThat(second).as("the next tick's metrics").isNotNull();
			assertThat(second.name()).isEqualTo("metrics");
			assertThat(Instant.parse(second.json().get("time").asString()))
				.isAfter(Instant.parse(first.json().get("time").asString()));
		}
	}

	@Test
	void webSocketGetsTypedMetricsFrames() {
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		try (WsClient ws = WsClient.connect(viewer, STREAM)) {
			for (int i = 0; i < 2; i++) {
				JsonNode frame = ws.next();
				assertThat(frame.get("type").asString()).isEqualTo("metrics");
				assertThat(frame.get("metrics").get("active_sessions").asLong()).isGreaterThanOrEqualTo(1);
				assertThat(frame.get("metrics").get("db_size").asLong()).isPositive();
			}
		}
	}

	@Test
	void everyTickIsSampledAndStoredWithoutAnyoneWatching() {
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		await().atMost(Duration.ofSeconds(5)).until(() -> openDashboardConnections() == 0);
		double before = computations();
		int stored = history(viewer, "").size();
		Instant newestBefore = newest(viewer);

		await().atMost(Duration.ofSeconds(10)).until(() -> computations() >= before + 3);
		await().atMost(Duration.ofSeconds(5)).until(() -> history(viewer, "").size() >= stored + 3);
		assertThat(openDashboardConnections()).isZero();
		JsonNode snapshots = history(viewer, "");
		Instant previous = Instant.MIN;
		for (JsonNode snapshot : snapshots) {
			Instant time = Instant.parse(snapshot.get("time").asString());
			assertThat(time).isAfter(previous);
			assertThat(snapshot.get("db_size").asLong()).isPositive();
			previous = time;
		}
		assertThat(previous).isAfter(newestBefore);
	}

	@Test
	void historyServesEachRangeAtItsResolutionAndRefusesOthers() {
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		// The server has ticked since it started: the hour's raw points are there at
		// once.
		await().atMost(Duration.ofSeconds(5)).until(() -> history(viewer, "").size() >= 2);
		JsonNode hour = viewer.get(DASHBOARD + "/history").assertStatus(200).json();
		assertThat(hour.get("range").asString()).isEqualTo("1h");
		assertThat(hour.get("resolution_ms").asLong()).isEqualTo(INTERVAL_MS);
		assertThat(viewer.get(DASHBOARD + "/history?range=1h").json().get("range").asString()).isEqualTo("1h");

		for (String[] range : new String[][] { { "24h", "60000" }, { "7d", "900000" }, { "30d", "900000" } }) {
			JsonNode body = viewer.get(DASHBOARD + "/history?range=" + range[0]).assertStatus(200).json();
			assertThat(body.get("range").asString()).isEqualTo(range[0]);
			assertThat(body.get("resolution_ms").asLong()).isEqualTo(Long.parseLong(range[1]));
			// At least the bucket in progress, made from the ticks so far; aligned to
			// its resolution.
			assertThat(body.get("snapshots").size()).isPositive();
			for (JsonNode snapshot : body.get("snapshots")) {
				assertThat(Instant.parse(snapshot.get("time").asString()).toEpochMilli() % Long.parseLong(range[1]))
					.isZero();
			}
		}

		for (String bad : List.of("2h", "1H", "30d%20", "all")) {
			JsonNode problem = viewer.get(DASHBOARD + "/history?range=" + bad).assertStatus(422).json();
			assertThat(problem.get("fields").get("range").asString()).isEqualTo("must be one of 1h, 24h, 7d, 30d");
		}
	}

	@Test
	void theOnlineListShowsStreamsAsTheyOpenAndClose() {
		String email = VigilClient.createAdmin(this.port, "viewer");
		VigilClient viewer = VigilClient.loggedIn(this.port, email);
		long viewerId = viewer.adminId();
		VigilClient root = VigilClient.root(this.port);
		VigilClient otherViewer = VigilClient.withNewAdmin(this.port, "viewer");
		assertThat(online(root, viewerId)).isNull();

		try (SseClient sse = SseClient.open(viewer, STREAM); WsClient ws = WsClient.connect(viewer, STREAM)) {
			assertThat(sse.next().name()).isEqualTo("metrics");
			assertThat(ws.next().get("type").asString()).isEqualTo("metrics");

			JsonNode seenByRoot = online(root, viewerId);
			assertThat(seenByRoot.get("email").asString()).isEqualTo(email);
			assertThat(seenByRoot.has("name")).isTrue();
			JsonNode streams = seenByRoot.get("streams");
			assertThat(streams.valueStream().map((s) -> s.get("transport").asString())).containsExactlyInAnyOrder("sse",
					"ws");
			for (JsonNode stream : streams) {
				assertThat(stream.get("stream").asString()).isEqualTo("dashboard");
				assertThat(stream.get("via_api_key").asBoolean()).isFalse();
				assertThat(stream.get("address").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
				assertThat(Instant.parse(stream.get("since").asString())).isBeforeOrEqualTo(Instant.now());
			}
			assertThat(Instant.parse(seenByRoot.get("since").asString()))
				.isEqualTo(Instant.parse(streams.get(0).get("since").asString()));

			// A viewer sees who is online by name, not their email or from where; except
			// its own.
			JsonNode seenByViewer = online(otherViewer, viewerId);
			assertThat(seenByViewer.get("email").isNull()).isTrue();
			assertThat(seenByViewer.get("streams")).hasSize(2)
				.allSatisfy((stream) -> assertThat(stream.get("address").isNull()).isTrue());
			assertThat(online(viewer, viewerId).get("email").asString()).isEqualTo(email);
			assertThat(online(viewer, viewerId).get("streams"))
				.allSatisfy((stream) -> assertThat(stream.get("address").asString()).isNotEmpty());

			ws.close();
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(online(root, viewerId).get("streams")).hasSize(1));
			assertThat(online(root, viewerId).get("streams").get(0).get("transport").asString()).isEqualTo("sse");
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> online(root, viewerId) == null);
	}

	@Test
	void fiftyViewersShareOneComputationPerTick() {
		VigilClient admin = VigilClient.withNewAdmin(this.port, "viewer");
		List<SseClient> sses = new ArrayList<>();
		List<WsClient> wss = new ArrayList<>();
		try {
			for (int i = 0; i < 25; i++) {
				sses.add(SseClient.open(admin, STREAM));
				wss.add(WsClient.connect(admin, STREAM));
			}
			// Everyone has had its connect-time snapshot: from here on only ticks
			// compute.
			sses.forEach((sse) -> assertThat(sse.next().name()).isEqualTo("metrics"));
			wss.forEach((ws) -> assertThat(ws.next().get("type").asString()).isEqualTo("metrics"));
			assertThat(openDashboardConnections()).isEqualTo(50);

			double before = computations();
			long start = System.nanoTime();
			await().atMost(Duration.ofSeconds(10)).until(() -> computations() >= before + 5);
			double delta = computations() - before;
			long elapsedTicks = Duration.ofNanos(System.nanoTime() - start).toMillis() / INTERVAL_MS;
			// One computation per tick: never more than the ticks elapsed (+1 for a tick
			// in flight at
			// either end), where one per viewer would be 50 per tick.
			assertThat(delta).isLessThanOrEqualTo(elapsedTicks + 2.0);
			// ...and every viewer got those ticks.
			for (int i = 0; i < 5; i++) {
				sses.forEach((sse) -> assertThat(sse.next().name()).isEqualTo("metrics"));
				wss.forEach((ws) -> assertThat(ws.next().get("type").asString()).isEqualTo("metrics"));
			}
		}
		finally {
			sses.forEach(SseClient::close);
			wss.forEach(WsClient::close);
		}

		// Closed SSE clients are noticed at their next write (tick or heartbeat); the
		// ticks go on, one computation each.
		await().atMost(Duration.ofSeconds(5)).until(() -> openDashboardConnections() == 0);
		double idle = computations();
		long idleStart = System.nanoTime();
		await().atMost(Duration.ofSeconds(10)).until(() -> computations() >= idle + 3);
		long idleTicks = Duration.ofNanos(System.nanoTime() - idleStart).toMillis() / INTERVAL_MS;
		assertThat(computations() - idle).isLessThanOrEqualTo(idleTicks + 2.0);
	}

	private JsonNode history(VigilClient client, String query) {
		return client.get(DASHBOARD + "/history" + query).assertStatus(200).json().get("snapshots");
	}

	private Instant newest(VigilClient client) {
		JsonNode snapshots = history(client, "");
		return snapshots.isEmpty() ? Instant.MIN
				: Instant.parse(snapshots.get(snapshots.size() - 1).get("time").asString());
	}

	/** The admin in the online list as {@code client} sees it, or null. */
	private static JsonNode online(VigilClient client, long adminId) {
		return client.get(DASHBOARD + "/online")
			.assertStatus(200)
			.json()
			.get("admins")
			.valueStream()
			.filter((admin) -> admin.get("id").asLong() == adminId)
			.findFirst()
			.orElse(null);
	}

	private double computations() {
		return this.meters.get("vigil.dashboard.computations").counter().count();
	}

	private long openDashboardConnections() {
		return this.meters.find("vigil.stream.connections")
			.tag("stream", "dashboard")
			.gauges()
			.stream()
			.mapToLong((gauge) -> (long) gauge.value())
			.sum();
	}

}
