package dev.vigil.web;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.bucket4j.Bucket;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Public liveness and readiness in one: 200 when the database can take a write within two
 * seconds, 503 otherwise. On PostgreSQL: a connection within the pool's timeout to a
 * server that is not a read-only standby. In WAL mode readers are never blocked, so a
 * plain read would report a database whose write lock another process holds as healthy
 * although every mutation would fail; the probe therefore takes the write lock
 * ({@code BEGIN IMMEDIATE}) and releases it at once.
 * <p>
 * The endpoint is public, and every probe queues for the write lock like a write: one
 * probe runs at a time, and checks that arrive while it runs are answered by the next one
 * (or by it, when they were waiting before it started). Beyond
 * {@value #PROBES_PER_SECOND} checks a second, a check gets the latest result instead of
 * a probe of its own.
 */
@RestController
class HealthController {

	private static final int PROBE_TIMEOUT_MS = 2000;

	private static final int PROBES_PER_SECOND = 10;

	private static final Logger log = LoggerFactory.getLogger(HealthController.class);

	private final JdbcTemplate probe;

	private final String version;

	private final ReentrantLock probing = new ReentrantLock();

	private final Bucket probeBudget = Bucket.builder()
		.addLimit((limit) -> limit.capacity(PROBES_PER_SECOND).refillGreedy(PROBES_PER_SECOND, Duration.ofSeconds(1)))
		.build();

	/** The latest probe's result; null before the first. */
	private volatile @Nullable Probe latest;

	private record Probe(boolean ok, long startedNanos) {
	}

	/**
	 * @param status {@code ok}, or {@code degraded} when the database cannot take a write
	 * @param version the build's version
	 */
	record Health(String status, String version, long uptimeSeconds, Database database) {
	}

	/**
	 * @param error why not, when not ok
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Database(boolean ok, @Nullable String error) {
	}

	HealthController(DataSource dataSource, ObjectProvider<BuildProperties> build) {
		this.probe = new JdbcTemplate(dataSource);
		BuildProperties properties = build.getIfAvailable();
		this.version = (properties != null) ? properties.getVersion() : "dev";
	}

	private boolean databaseWritable() {
		long arrived = System.nanoTime();
		Probe last = this.latest;
		if (last != null && !this.probeBudget.tryConsume(1)) {
			return last.ok();
		}
		this.probing.lock();
		try {
			last = this.latest;
			if (last != null && last.startedNanos() - arrived > 0) {
				return last.ok();
			}
			long started = System.nanoTime();
			boolean ok;
			try {
				this.probe.execute(HealthController::probeWriteLock);
				ok = true;
			}
			catch (RuntimeException ex) {
				log.atWarn()
					.setMessage("health check: database unavailable")
					.addKeyValue("error", ex.getMessage())
					.log();
				ok = false;
			}
			this.latest = new Probe(ok, started);
			return ok;
		}
		finally {
			this.probing.unlock();
		}
	}

	private static @Nullable Void probeWriteLock(Connection connection) throws SQLException {
		if (!"SQLite".equals(connection.getMetaData().getDatabaseProductName())) {
			// PostgreSQL: no file lock to take; a write-capable session within the
			// timeout (not a read-only standby) is the answer. A server that is down
			// already failed getting the connection (the pool's short timeout).
			try (Statement statement = connection.createStatement()) {
				statement.setQueryTimeout(PROBE_TIMEOUT_MS / 1000);
				try (ResultSet result = statement.executeQuery("SELECT pg_is_in_recovery()")) {
					result.next();
					if (result.getBoolean(1)) {
						throw new SQLException("the database is a read-only standby");
					}
				}
			}
			return null;
		}
		try (Statement statement = connection.createStatement()) {
			int configured = busyTimeout(statement);
			statement.execute("PRAGMA busy_timeout = " + PROBE_TIMEOUT_MS);
			try {
				statement.execute("BEGIN IMMEDIATE");
				statement.execute("ROLLBACK");
			}
			finally {
				statement.execute("PRAGMA busy_timeout = " + configured);
			}
		}
		return null;
	}

	private static int busyTimeout(Statement statement) throws SQLException {
		try (ResultSet result = statement.executeQuery("PRAGMA busy_timeout")) {
			result.next();
			return result.getInt(1);
		}
	}

	@GetMapping("/api/health")
	@ApiResponse(responseCode = "200", description = "Healthy")
	@ApiResponse(responseCode = "503", description = "Degraded: the database cannot take a write",
			content = @Content(schema = @Schema(implementation = Health.class)))
	ResponseEntity<Health> health() {
		boolean ok = databaseWritable();
		Health body = new Health(ok ? "ok" : "degraded", this.version,
				ManagementFactory.getRuntimeMXBean().getUptime() / 1000,
				new Database(ok, ok ? null : "database unavailable"));
		return ResponseEntity.status(ok ? 200 : 503).body(body);
	}

}
