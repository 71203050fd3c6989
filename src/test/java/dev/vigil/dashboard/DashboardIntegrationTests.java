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
 * observable; a short heartbeat makes closed SSE clients go away quickly; idle sampling
 * is off so "nobody listens" means no computation at all; a 2 s history bounds the ring
 * at 4 points.
 */
@VigilIntegrationTest
@TestPropertySource(properties = { "vigil.dashboard.interval=500ms", "vigil.dashboard.history=2s",
		"vigil.dashboard.idle-sample=0", "vigil.stream.heartbeat=300ms", "vigil.stream.max-per-admin=100" })
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
	void everyRoleMayReadTheDashboardButOnlyWhenAuthenticated() {
		VigilClient anonymous = new VigilClient(this.port);
		anonymous.get(DASHBOARD).assertStatus(401);
		anonymous.get(DASHBOARD + "/history").assertStatus(401);
		try (SseClient sse = SseClient.open(anonymous, STREAM)) {
			assertThat(sse.status()).isEqualTo(401);
		}

		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		viewer.get(DASHBOARD).assertStatus(200);
		viewer.get(DASHBOARD + "/history").assertStatus(200);
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
	void historyIsABoundedRingOfTickSnapshotsOldestFirst() {
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		try (SseClient sse = SseClient.open(viewer, STREAM)) {
			for (int i = 0; i < 7; i++) {
				assertThat(sse.next().name()).isEqualTo("metrics");
			}
		}
		JsonNode snapshots = viewer.get(DASHBOARD + "/history").assertStatus(200).json().get("snapshots");
		// history 2 s / interval 500 ms: at most four points, after six ticks at least
		// two.
		assertThat(snapshots.size()).isBetween(2, 4);
		Instant previous = Instant.MIN;
		for (JsonNode snapshot : snapshots) {
			Instant time = Instant.parse(snapshot.get("time").asString());
			assertThat(time).isAfter(previous);
			assertThat(snapshot.get("db_size").asLong()).isPositive();
			previous = time;
		}
	}

	@Test
	void fiftyViewersShareOneComputationPerTickAndNobodyWatchingComputesNothing() {
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

		// Closed SSE clients are noticed at their next write (tick or heartbeat), then
		// the ticks stop computing.
		await().atMost(Duration.ofSeconds(5)).until(() -> openDashboardConnections() == 0);
		double idle = computations();
		await().during(Duration.ofMillis(INTERVAL_MS * 5))
			.atMost(Duration.ofMillis(INTERVAL_MS * 7))
			.until(() -> computations() == idle);
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
