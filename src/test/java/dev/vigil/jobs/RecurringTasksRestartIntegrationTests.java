package dev.vigil.jobs;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A paused task stays paused in the next process on the same data directory, although
 * every start registers the maintenance schedules again; the backup schedule is a
 * setting, and a bad one stops the start.
 */
class RecurringTasksRestartIntegrationTests {

	private final List<VigilProcess> servers = new ArrayList<>();

	@AfterEach
	void destroyServers() {
		this.servers.forEach(VigilProcess::close);
	}

	@Test
	void aPausedTaskStaysPausedAcrossARestartAndResumesOnItsSchedule() throws SQLException {
		Path dir = Path.of("target", "vigil-process", "tasks-" + UUID.randomUUID()).toAbsolutePath();
		Path data = dir.resolve("data");
		int port = VigilProcess.freePort();
		List<String> args = List.of("--vigil.backups.schedule=0 5 * * *");

		VigilProcess first = start(data, port, dir.resolve("first-run.out"), args);
		first.awaitHealthy(Duration.ofSeconds(120));
		VigilClient root = VigilClient.root(port);
		assertThat(cron(root, "backup").get("schedule").asString()).isEqualTo("0 5 * * *");
		root.post("/api/admin/cron/purge-notifications/pause", null).assertStatus(200);
		assertThat(first.terminate(Duration.ofSeconds(60))).isTrue();
		assertThat(recurringJobs(data)).contains("purge-sessions").doesNotContain("purge-notifications");

		VigilProcess second = start(data, port, dir.resolve("second-run.out"), args);
		second.awaitHealthy(Duration.ofSeconds(120));
		VigilClient again = VigilClient.root(port);
		JsonNode paused = cron(again, "purge-notifications");
		assertThat(paused.get("paused").asBoolean()).isTrue();
		assertThat(paused.has("next_run")).isFalse();
		assertThat(recurringJobs(data)).as("re-registered at start, then taken out again")
			.doesNotContain("purge-notifications");

		again.post("/api/admin/cron/purge-notifications/resume", null).assertStatus(200);
		JsonNode resumed = cron(again, "purge-notifications");
		assertThat(resumed.get("paused").asBoolean()).isFalse();
		assertThat(resumed.get("schedule").asString()).isEqualTo("15 3 * * *");
		assertThat(recurringJobs(data)).contains("purge-notifications");
	}

	@Test
	void anInvalidBackupScheduleStopsTheStartNamingTheSetting() {
		Path dir = Path.of("target", "vigil-process", "tasks-" + UUID.randomUUID()).toAbsolutePath();
		VigilProcess server = start(dir.resolve("data"), VigilProcess.freePort(), dir.resolve("run.out"),
				List.of("--vigil.backups.schedule=every night"));
		assertThat(server.awaitExit(Duration.ofSeconds(120))).isNotZero();
		assertThat(server.output()).contains("vigil.backups.schedule is not a valid cron expression (\"every night\")");
	}

	private static JsonNode cron(VigilClient root, String name) {
		return root.get("/api/admin/cron")
			.assertStatus(200)
			.json()
			.get("cron")
			.valueStream()
			.filter((c) -> c.get("name").asString().equals(name))
			.findFirst()
			.orElseThrow();
	}

	/** What JobRunr will schedule, read from its table in the database file. */
	private static List<String> recurringJobs(Path data) throws SQLException {
		List<String> ids = new ArrayList<>();
		try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("vigil.db"));
				ResultSet rows = db.createStatement().executeQuery("SELECT id FROM jobrunr_recurring_jobs")) {
			while (rows.next()) {
				ids.add(rows.getString(1));
			}
		}
		return ids;
	}

	private VigilProcess start(Path data, int port, Path out, List<String> args) {
		VigilProcess server = VigilProcess.start(data, port, out, args);
		this.servers.add(server);
		return server;
	}

}
