package dev.vigil.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Recurring tasks' run history and their paused state. */
@Repository
class TaskRunRepository {

	/** Runs kept per task; older ones are pruned as new ones start. */
	static final int KEPT_RUNS = 50;

	/**
	 * One run (one attempt) of a task.
	 *
	 * @param outcome running, succeeded, failed or timed_out
	 */
	record Run(long id, String task, UUID jobId, Instant startedAt, @Nullable Instant finishedAt, String outcome,
			@Nullable String error) {
	}

	/** A paused task and the JobRunr definition to put back on resume. */
	record Pause(String task, String definition, Instant pausedAt) {
	}

	private final JdbcClient jdbc;

	TaskRunRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void started(String task, UUID jobId, Instant at) {
		this.jdbc.sql("""
				INSERT INTO recurring_task_runs (task, job_id, started_at, outcome)
				VALUES (:task, :job, :at, 'running')
				""").param("task", task).param("job", jobId.toString()).param("at", at.toEpochMilli()).update();
		this.jdbc.sql("""
				DELETE FROM recurring_task_runs
				WHERE task = :task AND id <= (SELECT id FROM recurring_task_runs WHERE task = :task
				                              ORDER BY id DESC LIMIT 1 OFFSET :kept)
				""").param("task", task).param("kept", KEPT_RUNS).update();
	}

	/** Ends the job's run in progress; false if there was none. */
	boolean finished(UUID jobId, Instant at, String outcome, @Nullable String error) {
		return this.jdbc.sql("""
				UPDATE recurring_task_runs SET finished_at = :at, outcome = :outcome, error = :error
				WHERE id = (SELECT max(id) FROM recurring_task_runs WHERE job_id = :job AND outcome = 'running')
				""")
			.param("at", at.toEpochMilli())
			.param("outcome", outcome)
			.param("error", error)
			.param("job", jobId.toString())
			.update() > 0;
	}

	/** Runs left "running" by a server that stopped: they will never finish. */
	int abandoned(Instant before, Instant at) {
		return this.jdbc.sql("""
				UPDATE recurring_task_runs SET finished_at = :at, outcome = 'failed',
				       error = 'the server stopped during the run'
				WHERE outcome = 'running' AND started_at < :before
				""").param("at", at.toEpochMilli()).param("before", before.toEpochMilli()).update();
	}

	/** The task's last runs, newest first. */
	List<Run> runs(String task, int limit) {
		return this.jdbc.sql("""
				SELECT * FROM recurring_task_runs WHERE task = :task ORDER BY id DESC LIMIT :limit
				""").param("task", task).param("limit", limit).query(TaskRunRepository::run).list();
	}

	/** Each task's newest run. */
	Map<String, Run> latest() {
		return this.jdbc.sql("""
				SELECT * FROM recurring_task_runs
				WHERE id IN (SELECT max(id) FROM recurring_task_runs GROUP BY task)
				""").query(TaskRunRepository::run).list().stream().collect(Collectors.toMap(Run::task, (run) -> run));
	}

	void pause(String task, String definition, Instant at) {
		this.jdbc.sql("""
				INSERT INTO recurring_task_pauses (task, definition, paused_at) VALUES (:task, :definition, :at)
				ON CONFLICT (task) DO UPDATE SET definition = excluded.definition
				""").param("task", task).param("definition", definition).param("at", at.toEpochMilli()).update();
	}

	Optional<Pause> pauseOf(String task) {
		return this.jdbc.sql("SELECT * FROM recurring_task_pauses WHERE task = :task")
			.param("task", task)
			.query(TaskRunRepository::pause)
			.optional();
	}

	List<Pause> pauses() {
		return this.jdbc.sql("SELECT * FROM recurring_task_pauses ORDER BY task")
			.query(TaskRunRepository::pause)
			.list();
	}

	boolean resume(String task) {
		return this.jdbc.sql("DELETE FROM recurring_task_pauses WHERE task = :task").param("task", task).update() > 0;
	}

	/** Jobs of the recurring job still waiting to run (JobRunr's table). */
	List<UUID> pendingJobs(String task) {
		return this.jdbc.sql("""
				SELECT id FROM jobrunr_jobs WHERE recurringJobId = :task AND state IN ('SCHEDULED', 'ENQUEUED')
				""").param("task", task).query((rs, row) -> UUID.fromString(rs.getString("id"))).list();
	}

	private static Run run(ResultSet rs, int row) throws SQLException {
		long finished = rs.getLong("finished_at");
		Instant finishedAt = rs.wasNull() ? null : Instant.ofEpochMilli(finished);
		return new Run(rs.getLong("id"), rs.getString("task"), UUID.fromString(rs.getString("job_id")),
				Instant.ofEpochMilli(rs.getLong("started_at")), finishedAt, rs.getString("outcome"),
				rs.getString("error"));
	}

	private static Pause pause(ResultSet rs, int row) throws SQLException {
		return new Pause(rs.getString("task"), rs.getString("definition"),
				Instant.ofEpochMilli(rs.getLong("paused_at")));
	}

}
