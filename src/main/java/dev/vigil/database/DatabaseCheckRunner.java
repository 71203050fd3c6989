package dev.vigil.database;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.vigil.database.DatabaseCheckRepository.Row;
import dev.vigil.storage.DataDirectory;

/**
 * Runs a database check in the job server and records its outcome. Not retried: a check
 * that failed is reported as such and run again by hand.
 */
@Component
public class DatabaseCheckRunner implements JobRequestHandler<DatabaseCheck> {

	private static final Logger log = LoggerFactory.getLogger(DatabaseCheckRunner.class);

	private final DatabaseCheckRepository repository;

	private final DatabaseChecks checks;

	private final DatabaseFigures figures;

	private final JdbcClient jdbc;

	private final DataDirectory data;

	private final DatabaseProperties properties;

	private final Clock clock;

	DatabaseCheckRunner(DatabaseCheckRepository repository, DatabaseChecks checks, DatabaseFigures figures,
			JdbcClient jdbc, DataDirectory data, DatabaseProperties properties, Clock clock) {
		this.repository = repository;
		this.checks = checks;
		this.figures = figures;
		this.jdbc = jdbc;
		this.data = data;
		this.properties = properties;
		this.clock = clock;
	}

	/** An outcome ({@code ok}, {@code problems}) and what to show of it. */
	record Outcome(String outcome, String result) {
	}

	@Override
	@Job(name = "database %0", retries = 0)
	public void run(DatabaseCheck request) {
		Optional<Row> row = this.repository.find(request.checkId());
		if (row.isEmpty() || !this.repository.start(request.checkId(), this.clock.instant())) {
			// Retried by hand from the queue after it finished: a new check is a new
			// request.
			log.info("database check {} has already finished; not run again", request.checkId());
			return;
		}
		CheckKind kind = row.get().kind();
		log.info("database check {} ({}) started", request.checkId(), kind.id());
		Outcome outcome;
		try {
			outcome = switch (kind) {
				case INTEGRITY_CHECK -> integrityCheck();
				case OPTIMIZE -> optimize();
				case VACUUM -> vacuum();
			};
		}
		catch (RuntimeException ex) {
			String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
			this.repository.finish(request.checkId(), "failed", message, this.clock.instant());
			log.warn("database check {} ({}) failed: {}", request.checkId(), kind.id(), message);
			throw ex;
		}
		this.repository.finish(request.checkId(), outcome.outcome(), outcome.result(), this.clock.instant());
		log.info("database check {} ({}): {}", request.checkId(), kind.id(), outcome.outcome());
	}

	Outcome integrityCheck() {
		List<String> problems = IntegrityCheck.run(this.data.database(), this.properties.integrityMaxErrors());
		if (problems.isEmpty()) {
			return new Outcome("ok", "no problems found");
		}
		return new Outcome("problems", problems.size() + ((problems.size() == 1) ? " problem" : " problems") + ":\n"
				+ String.join("\n", problems));
	}

	Outcome optimize() {
		// 0x10000: every table, not only those this (pooled, fresh) connection has used;
		// 0x01 lists what would be analysed, 0x02 does it.
		List<String> planned = this.jdbc.sql("PRAGMA optimize(0x10003)").query(String.class).list();
		this.jdbc.sql("PRAGMA optimize(0x10002)").query((rs) -> {
		});
		if (planned.isEmpty()) {
			return new Outcome("ok", "statistics were up to date");
		}
		List<String> tables = planned.stream()
			.map((statement) -> statement.replaceFirst("(?i)^ANALYZE\\s+", "").replace("\"", ""))
			.map((table) -> table.startsWith("main.") ? table.substring(5) : table)
			.toList();
		return new Outcome("ok", "statistics refreshed for " + String.join(", ", tables));
	}

	Outcome vacuum() {
		this.checks.requireSpaceForVacuum();
		DatabaseFigures.Sizes before = this.figures.sizes();
		long pageSize = this.figures.pragma("page_size");
		long freeBefore = this.figures.pragma("freelist_count");
		long pagesBefore = this.figures.pragma("page_count");
		// Through the pool: the write gate queues the app's writers behind it.
		this.jdbc.sql("VACUUM").update();
		// In WAL mode VACUUM writes the new pages to the WAL; only a checkpoint shrinks
		// the
		// file, and TRUNCATE gives the WAL's space back as well.
		long[] checkpoint = this.jdbc.sql("PRAGMA wal_checkpoint(TRUNCATE)")
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) })
			.single();
		DatabaseFigures.Sizes after = this.figures.sizes();
		long pagesAfter = this.figures.pragma("page_count");
		long filesBefore = before.databaseBytes() + before.walBytes();
		long filesAfter = after.databaseBytes() + after.walBytes();
		String result = String.format(Locale.ROOT,
				"reclaimed %s: %d free pages (%s); pages %d → %d; database and WAL %s → %s",
				Bytes.format(Math.max(0, filesBefore - filesAfter)), freeBefore, Bytes.format(freeBefore * pageSize),
				pagesBefore, pagesAfter, Bytes.format(filesBefore), Bytes.format(filesAfter));
		if (checkpoint[0] != 0) {
			result += "; the WAL could not be truncated yet (readers were active), the next checkpoint will";
		}
		return new Outcome("ok", result);
	}

}
