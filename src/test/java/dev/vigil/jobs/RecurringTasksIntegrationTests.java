package dev.vigil.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import org.jobrunr.jobs.RecurringJob;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.storage.StorageProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.vigil.audit.AuditLog;
import dev.vigil.support.VigilClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;

/**
 * Pause and resume as the job server sees them, run history, timeouts and overruns, on a
 * real port with a running job server.
 */
@JobServerIntegrationTest
class RecurringTasksIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JobRequestScheduler scheduler;

	@Autowired
	StorageProvider storage;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditLog audit;

	private final CountDownLatch release = new CountDownLatch(1);

	private String tick;

	@AfterEach
	void cleanUp() {
		this.release.countDown();
		if (this.tick != null) {
			VigilClient.root(this.port).post("/api/admin/cron/" + this.tick + "/resume", null);
			this.scheduler.deleteRecurringJob(this.tick);
		}
	}

	@Test
	void aPausedJobIsNotScheduledUntilResumedAndCanStillBeTriggered() {
		VigilClient root = VigilClient.root(this.port);
		this.tick = "tick-" + UUID.randomUUID().toString().substring(0, 8);
		// JobRunr's shortest recurring interval: its poll interval, 5 s.
		this.scheduler.scheduleRecurrently(this.tick, "*/5 * * * * *", new Tick(this.tick));
		await().atMost(Duration.ofSeconds(60)).until(() -> succeeded(root).size() >= 1);

		root.post("/api/admin/cron/" + this.tick + "/pause", null).assertStatus(200);
		assertThat(recurringIds()).doesNotContain(this.tick);
		assertThat(pending()).as("runs JobRunr had already scheduled are withdrawn").isZero();
		JsonNode paused = cron(root, this.tick);
		assertThat(paused.get("paused").asBoolean()).isTrue();
		assertThat(paused.has("next_run")).isFalse();
		assertThat(paused.get("schedule").asString()).isEqualTo("*/5 * * * * *");
		assertThat(audited("cron.pause", this.tick)).isEqualTo(1);
		root.post("/api/admin/cron/" + this.tick + "/pause", null).assertStatus(200);
		assertThat(audited("cron.pause", this.tick)).as("pausing again changes nothing").isEqualTo(1);

		// A run already started when it was paused may still end; after that, nothing.
		await().atMost(Duration.ofSeconds(30)).until(() -> runs(root).stream().noneMatch(this::running));
		int before = runs(root).size();
		await().during(Duration.ofSeconds(12))
			.atMost(Duration.ofSeconds(20))
			.until(() -> runs(root).size() == before && pending() == 0);

		String manual = root.post("/api/admin/cron/" + this.tick + "/trigger", null)
			.assertStatus(202)
			.json()
			.get("job_id")
			.asString();
		await().atMost(Duration.ofSeconds(30)).until(() -> succeeded(root).contains(manual));
		assertThat(recurringIds()).as("a manual run does not resume it").doesNotContain(this.tick);

		root.post("/api/admin/cron/" + this.tick + "/resume", null).assertStatus(200);
		assertThat(audited("cron.resume", this.tick)).isEqualTo(1);
		assertThat(recurringIds()).contains(this.tick);
		JsonNode resumed = cron(root, this.tick);
		assertThat(resumed.get("paused").asBoolean()).isFalse();
		assertThat(Instant.parse(resumed.get("next_run").asString())).isAfter(Instant.now().minusSeconds(1));
		int afterResume = runs(root).size();
		await().atMost(Duration.ofSeconds(60)).until(() -> runs(root).size() > afterResume);

		root.post("/api/admin/cron/nope/pause", null).assertProblem(404, "recurring job not found");
		root.post("/api/admin/cron/nope/resume", null).assertProblem(404, "recurring job not found");
		root.get("/api/admin/cron/nope/runs").assertProblem(404, "recurring job not found");
	}

	@Test
	void onlyAdminsWhoMayManageBackupsMayPauseTheBackupTask() {
		VigilClient admin = VigilClient.withNewAdmin(this.port, "admin");
		admin.post("/api/admin/cron/backup/pause", null).assertStatus(403);
		admin.post("/api/admin/cron/backup/resume", null).assertStatus(403);
		admin.post("/api/admin/cron/purge-audit/pause", null).assertStatus(200);
		admin.post("/api/admin/cron/purge-audit/resume", null).assertStatus(200);
		VigilClient root = VigilClient.root(this.port);
		root.post("/api/admin/cron/backup/pause", null).assertStatus(200);
		root.post("/api/admin/cron/backup/resume", null).assertStatus(200);
	}

	@Test
	void theHistoryRecordsSuccessAndFailureWithDurationAndError() {
		VigilClient root = VigilClient.root(this.port);
		String ok = trigger(root, "purge-sessions");
		JsonNode success = awaitRun(root, "purge-sessions", ok, "succeeded");
		assertThat(success.get("duration_ms").asLong()).isNotNegative();
		assertThat(Instant.parse(success.get("finished_at").asString()))
			.isAfterOrEqualTo(Instant.parse(success.get("started_at").asString()));
		assertThat(success.has("error")).isFalse();
		assertThat(cron(root, "purge-sessions").get("last_run").asString()).as("a manual run counts as the last run")
			.isEqualTo(success.get("started_at").asString());

		doThrow(new IllegalStateException("disk on fire")).when(this.audit).purgeOlderThan(any());
		String failing = trigger(root, "purge-audit");
		JsonNode failure = awaitRun(root, "purge-audit", failing, "failed");
		assertThat(failure.get("error").asString()).isEqualTo("java.lang.IllegalStateException: disk on fire");
		assertThat(failure.get("duration_ms").asLong()).isNotNegative();
		assertThat(cron(root, "purge-audit").get("last_outcome").asString()).isEqualTo("failed");

		// The queue shows the same failure, with its stack trace on demand; not retried.
		JsonNode detail = root.get("/api/admin/queue/jobs/" + failing).assertStatus(200).json();
		assertThat(detail.get("job").get("state").asString()).isEqualTo("failed");
		assertThat(detail.get("job").get("attempts").asInt()).isEqualTo(1);
		assertThat(detail.get("failure").get("type").asString()).isEqualTo("java.lang.IllegalStateException");
		assertThat(detail.get("failure").get("message").asString()).isEqualTo("disk on fire");
		assertThat(detail.get("failure").get("stack_trace").asString()).contains("MaintenanceTasks");
		root.get("/api/admin/queue/jobs/" + UUID.randomUUID()).assertProblem(404, "job not found");
		assertThat(root.get("/api/admin/queue/jobs/" + ok).json().has("failure")).isFalse();
	}

	@Test
	void aRunPastItsTimeoutFailsAsTimedOutAndShowsAsOverrunningUntilItsWorkEnds() {
		VigilClient root = VigilClient.root(this.port);
		// Work that ignores the interrupt, as an SQLite statement does.
		doAnswer((invocation) -> {
			boolean released = false;
			while (!released) {
				try {
					this.release.await();
					released = true;
				}
				catch (InterruptedException ex) {
					// keeps going
				}
			}
			return 0;
		}).when(this.audit).purgeOlderThan(any());
		assertThat(cron(root, "purge-audit").get("timeout_seconds").asLong()).isEqualTo(2);
		assertThat(cron(root, "backup").get("timeout_seconds").asLong()).isEqualTo(3600);

		String job = trigger(root, "purge-audit");
		JsonNode timedOut = awaitRun(root, "purge-audit", job, "timed_out");
		assertThat(timedOut.get("error").asString()).isEqualTo("timed out after 2s");
		JsonNode overrunning = cron(root, "purge-audit");
		assertThat(overrunning.get("overrunning").asBoolean()).isTrue();
		assertThat(overrunning.has("running_since")).isTrue();
		assertThat(root.get("/api/admin/queue/jobs/" + job).json().get("failure").get("message").asString())
			.isEqualTo("timed out after 2s");

		// The task does not start twice while its work is still going.
		String second = trigger(root, "purge-audit");
		assertThat(awaitRun(root, "purge-audit", second, "failed").get("error").asString())
			.contains("the previous run of purge-audit is still going");

		this.release.countDown();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode done = cron(root, "purge-audit");
			assertThat(done.get("overrunning").asBoolean()).isFalse();
			assertThat(done.has("running_since")).isFalse();
		});
	}

	private static String trigger(VigilClient root, String task) {
		return root.post("/api/admin/cron/" + task + "/trigger", null)
			.assertStatus(202)
			.json()
			.get("job_id")
			.asString();
	}

	private static JsonNode awaitRun(VigilClient root, String task, String jobId, String outcome) {
		return await().atMost(Duration.ofSeconds(60))
			.until(() -> root.get("/api/admin/cron/" + task + "/runs")
				.assertStatus(200)
				.json()
				.get("runs")
				.valueStream()
				.filter((r) -> r.get("job_id").asString().equals(jobId) && r.get("outcome").asString().equals(outcome))
				.findFirst()
				.orElse(null), (run) -> run != null);
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

	private List<JsonNode> runs(VigilClient root) {
		return root.get("/api/admin/cron/" + this.tick + "/runs")
			.assertStatus(200)
			.json()
			.get("runs")
			.valueStream()
			.toList();
	}

	private List<String> succeeded(VigilClient root) {
		return runs(root).stream()
			.filter((r) -> r.get("outcome").asString().equals("succeeded"))
			.map((r) -> r.get("job_id").asString())
			.toList();
	}

	private boolean running(JsonNode run) {
		return run.get("outcome").asString().equals("running");
	}

	private List<String> recurringIds() {
		return this.storage.getRecurringJobs().stream().map(RecurringJob::getId).toList();
	}

	/** The tick's jobs waiting in JobRunr's storage. */
	private long pending() {
		return this.jdbc
			.sql("SELECT count(*) FROM jobrunr_jobs WHERE recurringJobId = :id AND state IN ('SCHEDULED', 'ENQUEUED')")
			.param("id", this.tick)
			.query(Long.class)
			.single();
	}

	private long audited(String action, String entity) {
		return this.jdbc.sql("SELECT count(*) FROM audit_log WHERE action = :action AND entity_id = :entity")
			.param("action", action)
			.param("entity", entity)
			.query(Long.class)
			.single();
	}

}
