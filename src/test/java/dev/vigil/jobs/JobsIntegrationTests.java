package dev.vigil.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jobrunr.scheduling.JobRequestScheduler;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vigil.support.SseClient;
import dev.vigil.support.TestPostgres;
import dev.vigil.support.VigilClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Jobs, recurring maintenance, failure notifications, exports and backups, on a real
 * port.
 */
@JobServerIntegrationTest
class JobsIntegrationTests {

	static final String NOTIFICATIONS = "/api/admin/notifications/stream";

	@LocalServerPort
	int port;

	@Autowired
	JobRequestScheduler scheduler;

	@Test
	void scopesGuardJobsCronAndBackups() {
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		for (String path : new String[] { "/api/admin/queue/stats", "/api/admin/queue/jobs", "/api/admin/cron",
				"/api/admin/backups" }) {
			viewer.get(path).assertProblem(403, "insufficient permissions");
		}
		VigilClient admin = VigilClient.withNewAdmin(this.port, "admin");
		admin.get("/api/admin/queue/stats").assertStatus(200);
		admin.get("/api/admin/cron").assertStatus(200);
		admin.get("/api/admin/backups").assertProblem(403, "insufficient permissions");
		admin.post("/api/admin/backups", null).assertProblem(403, "insufficient permissions");
		new VigilClient(this.port).get("/api/admin/queue/stats").assertStatus(401);
	}

	@Test
	void recurringMaintenanceIsListedAndCanBeTriggered() {
		VigilClient root = VigilClient.root(this.port);
		JsonNode cron = root.get("/api/admin/cron").assertStatus(200).json().get("cron");
		assertThat(cron.valueStream().map((c) -> c.get("name").asString())).contains("purge-sessions",
				"purge-notifications", "purge-audit", "backup");
		JsonNode sessions = cron.valueStream()
			.filter((c) -> c.get("name").asString().equals("purge-sessions"))
			.findFirst()
			.orElseThrow();
		assertThat(sessions.get("schedule").asString()).isEqualTo("0 * * * *");
		assertThat(Instant.parse(sessions.get("next_run").asString())).isAfter(Instant.now());

		String jobId = root.post("/api/admin/cron/purge-sessions/trigger", null)
			.assertStatus(202)
			.json()
			.get("job_id")
			.asString();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(root.get("/api/admin/queue/jobs?status=succeeded&limit=100")
				.json()
				.get("jobs")
				.valueStream()
				.map((j) -> j.get("id").asString())).contains(jobId));
		root.post("/api/admin/cron/nope/trigger", null).assertProblem(404, "recurring job not found");
	}

	@Test
	void aScheduledJobCountsAsQueuedAndCanBeCancelled() {
		VigilClient root = VigilClient.root(this.port);
		long before = root.get("/api/admin/queue/stats").json().get("queued").asLong();
		UUID id = this.scheduler.schedule(Instant.now().plus(Duration.ofHours(1)), new AlwaysFailing("later")).asUUID();
		assertThat(root.get("/api/admin/queue/stats").json().get("queued").asLong()).isEqualTo(before + 1);

		root.delete("/api/admin/queue/jobs/" + id).assertStatus(200);
		assertThat(root.get("/api/admin/queue/stats").json().get("queued").asLong()).isEqualTo(before);
		assertThat(root.get("/api/admin/queue/jobs?status=deleted&limit=100")
			.json()
			.get("jobs")
			.valueStream()
			.map((j) -> j.get("id").asString())).contains(id.toString());
		root.delete("/api/admin/queue/jobs/" + UUID.randomUUID()).assertProblem(404, "job not found");
		root.get("/api/admin/queue/jobs?status=bogus")
			.assertProblem(400, "invalid status: one of enqueued, scheduled, processing, succeeded, failed, deleted");
	}

	@Test
	void bulkCancelAndRetryCountWhatTheyChanged() {
		VigilClient root = VigilClient.root(this.port);
		Instant later = Instant.now().plus(Duration.ofHours(1));
		UUID first = this.scheduler.schedule(later, new AlwaysFailing("bulk-1")).asUUID();
		UUID second = this.scheduler.schedule(later, new AlwaysFailing("bulk-2")).asUUID();
		List<String> ids = List.of(first.toString(), second.toString(), UUID.randomUUID().toString());

		assertThat(root.post("/api/admin/queue/jobs/bulk-delete", Map.of("ids", ids))
			.assertStatus(200)
			.json()
			.get("affected")
			.asInt()).isEqualTo(2);
		assertThat(root.get("/api/admin/queue/jobs?status=deleted&limit=100")
			.json()
			.get("jobs")
			.valueStream()
			.map((j) -> j.get("id").asString())).contains(first.toString(), second.toString());

		assertThat(root.post("/api/admin/queue/jobs/bulk-retry", Map.of("ids", ids))
			.assertStatus(200)
			.json()
			.get("affected")
			.asInt()).isEqualTo(2);
		// Cancelled again before the next poll, so these always-failing jobs never run
		// beside other tests.
		assertThat(root.post("/api/admin/queue/jobs/bulk-delete", Map.of("ids", ids))
			.assertStatus(200)
			.json()
			.get("affected")
			.asInt()).isEqualTo(2);
		root.post("/api/admin/queue/jobs/bulk-delete", Map.of("ids", List.of())).assertProblem(400, "ids required");
	}

	@Test
	void aJobThatFailsForGoodNotifiesSuperadminsLiveAndCountsAsFailed() {
		VigilClient root = VigilClient.root(this.port);
		long failedBefore = root.get("/api/admin/queue/stats").json().get("stats").get("failed_last24h").asLong();
		String marker = UUID.randomUUID().toString().substring(0, 8);
		try (SseClient stream = SseClient.open(root, NOTIFICATIONS)) {
			stream.next();
			UUID id = this.scheduler.enqueue(new AlwaysFailing(marker)).asUUID();
			JsonNode notification = awaitNotification(stream, "Job failed: always failing " + marker);
			assertThat(notification.get("type").asString()).isEqualTo("error");
			assertThat(notification.get("data").get("job_id").asString()).isEqualTo(id.toString());
			assertThat(notification.get("data").get("error").asString()).contains("boom " + marker);
			assertThat(root.get("/api/admin/queue/stats").json().get("stats").get("failed_last24h").asLong())
				.isGreaterThan(failedBefore);
			JsonNode failed = root.get("/api/admin/queue/jobs?status=failed&limit=100")
				.json()
				.get("jobs")
				.valueStream()
				.filter((j) -> j.get("id").asString().equals(id.toString()))
				.findFirst()
				.orElseThrow();
			assertThat(failed.get("error").asString()).contains("IllegalStateException", "boom " + marker);
			assertThat(failed.get("attempts").asInt()).as("first run plus its one retry").isEqualTo(2);

			root.post("/api/admin/queue/jobs/" + id + "/retry", null).assertStatus(200);
			root.post("/api/admin/queue/jobs/" + id + "/retry", null)
				.assertProblem(409, "only failed or cancelled jobs can be retried");
		}
	}

	@Test
	void anAuditExportJobNotifiesItsRequesterWithAWorkingDownloadLink() {
		VigilClient admin = VigilClient.withNewAdmin(this.port, "admin");
		try (SseClient stream = SseClient.open(admin, NOTIFICATIONS)) {
			stream.next();
			admin.post("/api/admin/queue/exports/audit", null).assertStatus(202);
			JsonNode notification = awaitNotification(stream, "Audit export ready");
			String link = notification.get("data").get("download").asString();
			VigilClient.Response csv = admin.get(link).assertStatus(200);
			assertThat(csv.header("Content-Disposition")).startsWith("attachment");
			assertThat(csv.body())
				.startsWith("ID,Admin ID,Admin Email,Action,Entity Type,Entity ID,Details,IP,Created At");
			assertThat(csv.body()).contains("audit.export");
			VigilClient.withNewAdmin(this.port, "admin").get(link).assertProblem(404, "export not found");
		}
		VigilClient.withNewAdmin(this.port, "viewer")
			.post("/api/admin/queue/exports/audit", null)
			.assertProblem(403, "insufficient permissions");
	}

	@Test
	void aBackupIsAConsistentSqliteDatabase() throws Exception {
		VigilClient root = VigilClient.root(this.port);
		if (TestPostgres.selected()) {
			// Backups are copies of the SQLite file (DatabaseOutageIntegrationTests
			// covers the rest).
			root.post("/api/admin/backups", null)
				.assertProblem(409,
						"backups and restores are not available on PostgreSQL: use pg_dump or your provider's backups");
			return;
		}
		JsonNode backup = root.post("/api/admin/backups", null).assertStatus(201).json().get("backup");
		String name = backup.get("name").asString();
		assertThat(
				root.get("/api/admin/backups").json().get("backups").valueStream().map((b) -> b.get("name").asString()))
			.contains(name);

		// What an operator downloads must itself be a sound database.
		Path copy = Files.createTempFile("vigil-backup", ".db");
		Files.write(copy, root.download("/api/admin/backups/" + name));
		try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + copy);
				ResultSet check = db.createStatement().executeQuery("PRAGMA integrity_check")) {
			assertThat(check.next()).isTrue();
			assertThat(check.getString(1)).isEqualTo("ok");
			try (ResultSet admins = db.createStatement().executeQuery("SELECT count(*) FROM admins")) {
				assertThat(admins.getLong(1)).isPositive();
			}
		}
		finally {
			Files.deleteIfExists(copy);
		}

		root.delete("/api/admin/backups/" + name).assertStatus(200);
		root.get("/api/admin/backups/" + name).assertProblem(404, "backup not found");
		root.get("/api/admin/backups/vigil.db").assertProblem(404, "backup not found");
	}

	/** The notification with this title, skipping others that arrive meanwhile. */
	private static JsonNode awaitNotification(SseClient stream, String title) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			SseClient.Event event = stream.next(Duration.ofSeconds(5));
			if (event != null && event.json().get("type").asString().equals("notification")
					&& event.json().get("notification").get("title").asString().equals(title)) {
				return event.json().get("notification");
			}
		}
		throw new AssertionError("no notification \"" + title + "\" within 60 s");
	}

}
