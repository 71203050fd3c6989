package dev.vigil.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.vigil.support.SseClient;
import dev.vigil.support.TestThreads;
import dev.vigil.support.VigilClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stops under two running instances (the test's own cluster,
 * {@code pg_ctl stop
 * -m fast}; never the machine's): requests through nginx fail cleanly, 503 with a
 * ProblemDetail, on both instances; when it starts again they work again without
 * restarting Vigil (the same two processes), and a notification sent through one reaches
 * a tab on the other.
 */
class ClusterDatabaseRestartIntegrationTests {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private OwnPostgres postgres;

	private JarCluster cluster;

	@AfterEach
	void stop() {
		if (this.cluster != null) {
			this.cluster.close();
		}
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

	@Test
	void requestsFailWith503WhilePostgresIsDownAndWorkAgainWhenItIsBack() throws Exception {
		JarCluster.requireTools();
		this.postgres = OwnPostgres.create();
		this.cluster = JarCluster.start(Path.of("target", "cluster-it", "db-" + UUID.randomUUID()).toAbsolutePath(),
				this.postgres, List.of());
		long pidA = this.cluster.a.pid();
		long pidB = this.cluster.b.pid();
		VigilClient root = this.cluster.root();
		VigilClient recipient = VigilClient.loggedIn(this.cluster.nginx.port(),
				ClusterIntegrationTests.createViewer(root));
		long recipientId = recipient.adminId();
		ClusterIntegrationTests.send(root, recipientId, "before");

		long stopped = System.nanoTime();
		this.postgres.stop();
		long stopMillis = (System.nanoTime() - stopped) / 1_000_000;
		List<String> answers = new ArrayList<>();
		// Two of each in a row, so that nginx's alternation puts one of each on each
		// instance.
		for (int i = 0; i < 4; i++) {
			answers.add(problem(recipient.get("/api/admin/notifications?limit=5"), "list"));
			answers.add(problem(recipient.get("/api/admin/notifications?limit=5"), "list"));
			answers.add(problem(
					root.post("/api/admin/notifications/send", Map.of("admin_id", recipientId, "title", "x")), "send"));
			answers.add(problem(
					root.post("/api/admin/notifications/send", Map.of("admin_id", recipientId, "title", "x")), "send"));
		}
		for (int port : new int[] { this.cluster.portA, this.cluster.portB }) {
			HttpResponse<String> health = HTTP.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(health.statusCode())
				.as("health of the instance on %d without its database: %s", port, health.body())
				.isEqualTo(503);
		}
		assertThat(this.cluster.servedBy("GET", "/api/admin/notifications?limit=5", 8))
			.as("instances that answered 503")
			.contains("a", "b");
		List<String> sends = this.cluster.servedBy("POST", "/api/admin/notifications/send", 9);
		assertThat(sends.subList(sends.size() - 8, sends.size())).as("instances that answered 503 to sends")
			.contains("a", "b");

		long started = System.nanoTime();
		this.postgres.start();
		long startMillis = (System.nanoTime() - started) / 1_000_000;
		long[] recovered = new long[2];
		int[] ports = { this.cluster.portA, this.cluster.portB };
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while ((recovered[0] == 0 || recovered[1] == 0) && System.nanoTime() < deadline) {
			for (int i = 0; i < 2; i++) {
				if (recovered[i] == 0 && ok(ports[i])) {
					recovered[i] = (System.nanoTime() - started) / 1_000_000;
				}
			}
			TestThreads.pause(50);
		}
		assertThat(recovered).as("ms after the start until each instance's API answered 200\n" + this.cluster.tails())
			.doesNotContain(0L);
		assertThat(this.cluster.a.pid()).isEqualTo(pidA);
		assertThat(this.cluster.b.pid()).isEqualTo(pidB);
		assertThat(ProcessHandle.of(pidA).map(ProcessHandle::isAlive)).as("instance a, not restarted").contains(true);
		assertThat(ProcessHandle.of(pidB).map(ProcessHandle::isAlive)).as("instance b, not restarted").contains(true);

		// Both tabs (one per instance) get a send made after the restart.
		String tabs = "after-db-" + UUID.randomUUID();
		try (SseClient first = SseClient.open(recipient, JarCluster.STREAM + "?tab=" + tabs);
				SseClient second = SseClient.open(recipient, JarCluster.STREAM + "?tab=" + tabs)) {
			ClusterIntegrationTests.nextOf(first);
			ClusterIntegrationTests.nextOf(second);
			long id = ClusterIntegrationTests.send(root, recipientId, "after");
			for (SseClient tab : List.of(first, second)) {
				JsonNode event = ClusterIntegrationTests.nextOf(tab);
				assertThat(event.get("type").asString()).isEqualTo("notification");
				assertThat(event.get("id").asLong()).isEqualTo(id);
			}
		}
		assertThat(this.cluster.servedBy("GET", tabs, 2)).as("instances of the two tabs").contains("a", "b");
		System.out.printf(
				"[database] pg_ctl stop took %d ms; meanwhile through nginx: %s; pg_ctl start took %d ms; API answering"
						+ " 200 again %d ms (a) and %d ms (b) after the start, same processes%n",
				stopMillis, answers, startMillis, recovered[0], recovered[1]);
	}

	/**
	 * The answer must be a 503 ProblemDetail that names no internals; a short description
	 * of it.
	 */
	private static String problem(VigilClient.Response response, String what) {
		assertThat(response.status()).as("%s without the database: %s", what, response.body()).isEqualTo(503);
		assertThat(response.header("Content-Type")).as("%s content type", what).startsWith("application/problem+json");
		JsonNode body = response.json();
		assertThat(body.get("status").asInt()).isEqualTo(503);
		assertThat(response.body()).as("%s body", what).doesNotContain("dev.vigil").doesNotContain("org.postgresql");
		return what + " 503";
	}

	/** An authenticated API call on one instance directly answers 200. */
	private boolean ok(int port) {
		try {
			VigilClient client = new VigilClient(port);
			return client.login(VigilClient.ROOT_EMAIL, VigilClient.ROOT_PASSWORD).status() == 200
					&& client.get("/api/admin/notifications?limit=1").status() == 200;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
