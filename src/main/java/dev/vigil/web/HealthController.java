package dev.vigil.web;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Public liveness and readiness in one: 200 when the database answers, 503 otherwise. The probe
 * reads the schema (a plain {@code SELECT 1} never touches the file) with a short timeout so a
 * locked database answers 503 quickly instead of hanging the health check.
 */
@RestController
class HealthController {

	private static final Logger log = LoggerFactory.getLogger(HealthController.class);

	private final JdbcTemplate probe;

	private final String version;

	HealthController(DataSource dataSource, ObjectProvider<BuildProperties> build) {
		this.probe = new JdbcTemplate(dataSource);
		this.probe.setQueryTimeout(2);
		BuildProperties properties = build.getIfAvailable();
		this.version = (properties != null) ? properties.getVersion() : "dev";
	}

	@GetMapping("/api/health")
	ResponseEntity<Map<String, Object>> health() {
		Map<String, Object> database = new LinkedHashMap<>();
		boolean ok;
		try {
			this.probe.queryForObject("SELECT count(*) FROM sqlite_master", Integer.class);
			ok = true;
		}
		catch (RuntimeException ex) {
			log.atWarn().setMessage("health check: database unavailable").addKeyValue("error", ex.getMessage()).log();
			ok = false;
			database.put("error", "database unavailable");
		}
		database.put("ok", ok);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", ok ? "ok" : "degraded");
		body.put("version", this.version);
		body.put("uptime_seconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
		body.put("database", database);
		return ResponseEntity.status(ok ? 200 : 503).body(body);
	}

}
