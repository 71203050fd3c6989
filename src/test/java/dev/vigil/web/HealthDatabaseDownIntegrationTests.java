package dev.vigil.web;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.vigil.storage.DataDirectory;
import dev.vigil.support.SqliteLocker;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;
import dev.vigil.support.TestThreads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@VigilIntegrationTest
@TestPropertySource(properties = { "vigil.storage.data-dir=target/test-data-health-down", "vigil.metrics.public=false",
		"vigil.metrics.token=scrape-secret" })
class HealthDatabaseDownIntegrationTests {

	@LocalServerPort
	int port;

	@RegisterExtension
	final TestThreads threads = new TestThreads();

	@Autowired
	DataDirectory dataDirectory;

	@Test
	void healthIs503WhileAnotherProcessHoldsTheWriteLockAndRecovers() throws Exception {
		VigilClient client = new VigilClient(this.port);
		client.get("/api/health").assertStatus(200);

		Path db = this.dataDirectory.database();
		try (Connection locker = DriverManager.getConnection("jdbc:sqlite:" + db);
				Statement statement = locker.createStatement()) {
			statement.execute("PRAGMA busy_timeout=10000");
			statement.execute("BEGIN IMMEDIATE");
			VigilClient.Response down = client.get("/api/health").assertStatus(503);
			assertThat(down.json().get("status").asString()).isEqualTo("degraded");
			assertThat(down.json().get("database").get("ok").asBoolean()).isFalse();
			statement.execute("ROLLBACK");
		}
		client.get("/api/health").assertStatus(200);
	}

	/**
	 * The lock held by a separate OS process (its own JVM and SQLite library, as an
	 * operator's shell or a backup tool would): 503 while it holds it, 200 once it lets
	 * go, whether it releases the lock cleanly or is killed holding it (the operating
	 * system drops a dead process's locks).
	 */
	@Test
	void healthIs503WhileAnotherProcessHoldsTheWriteLockAnd200OnceItReleasesItOrDies() throws Exception {
		VigilClient client = new VigilClient(this.port);
		client.get("/api/health").assertStatus(200);
		Path db = this.dataDirectory.database();

		Process releasing = SqliteLocker.lock(db);
		try {
			long probe = System.nanoTime();
			VigilClient.Response down = client.get("/api/health").assertStatus(503);
			long downMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - probe);
			assertThat(down.json().get("database").get("ok").asBoolean()).isFalse();
			assertThat(down.body()).doesNotContain("Exception").doesNotContain("SQLITE");
			releasing.getOutputStream().close();
			assertThat(releasing.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(releasing.exitValue()).isZero();
			long recovery = System.nanoTime();
			await().atMost(Duration.ofSeconds(30)).until(() -> client.get("/api/health").status() == 200);
			System.out.printf(
					"[health-lock] released: 503 answered in %d ms while locked; 200 again %d ms after release%n",
					downMs, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - recovery));
		}
		finally {
			releasing.destroyForcibly();
		}

		Process dying = SqliteLocker.lock(db);
		try {
			client.get("/api/health").assertStatus(503);
			dying.destroyForcibly();
			assertThat(dying.waitFor(30, TimeUnit.SECONDS)).isTrue();
			long recovery = System.nanoTime();
			await().atMost(Duration.ofSeconds(30)).until(() -> client.get("/api/health").status() == 200);
			System.out.printf("[health-lock] killed holding the lock: 200 again %d ms after kill -9%n",
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - recovery));
		}
		finally {
			dying.destroyForcibly();
		}
	}

	/**
	 * A flood of health checks while another process holds the write lock: each probe
	 * waits up to two seconds for the lock (holding the application's own write gate
	 * meanwhile), so probes must not queue one behind the other. All answer 503 within a
	 * few probe times, not one probe time each.
	 */
	@Test
	void aFloodOfHealthChecksWhileLockedIsAnsweredByFewProbes() throws Exception {
		int requests = 8;
		VigilClient client = new VigilClient(this.port);
		client.get("/api/health").assertStatus(200);
		Process locker = SqliteLocker.lock(this.dataDirectory.database());
		try {
			long started = System.nanoTime();
			List<CompletableFuture<VigilClient.Response>> flood = IntStream.range(0, requests)
				.mapToObj((i) -> CompletableFuture.supplyAsync(() -> new VigilClient(this.port).get("/api/health"),
						this.threads))
				.toList();
			flood.forEach((response) -> response.join().assertStatus(503));
			long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			System.out.printf("[health-flood] %d concurrent checks while locked: all 503 after %d ms%n", requests,
					tookMs);
			assertThat(tookMs).as("time to answer %d concurrent checks", requests).isLessThan(7_000);
		}
		finally {
			locker.destroyForcibly();
			locker.waitFor(30, TimeUnit.SECONDS);
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> client.get("/api/health").status() == 200);
	}

	@Test
	void prometheusCanBeMadePrivate() {
		VigilClient client = new VigilClient(this.port);
		client.get("/actuator/prometheus").assertProblem(401, "authentication required");
		client.send("GET", "/actuator/prometheus", null, java.util.Map.of("Authorization", "Bearer wrong"))
			.assertStatus(401);
		assertThat(client
			.send("GET", "/actuator/prometheus", null, java.util.Map.of("Authorization", "Bearer scrape-secret"))
			.assertStatus(200)
			.body()).contains("jvm_memory_used_bytes");
	}

}
