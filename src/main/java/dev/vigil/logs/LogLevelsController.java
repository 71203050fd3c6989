package dev.vigil.logs;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.vigil.NotFoundException;
import dev.vigil.audit.AuditLog;
import dev.vigil.auth.CurrentAdmin;

/**
 * Logger levels at runtime (scope {@code admin:log-levels}: superadmins). Changes apply
 * at once, so the live log view shows (or stops showing) the lines they concern from the
 * next one written.
 */
@RestController
@RequestMapping("/api/admin/log-levels")
class LogLevelsController {

	private final LogLevels levels;

	private final AuditLog audit;

	LogLevelsController(LogLevels levels, AuditLog audit) {
		this.levels = levels;
		this.audit = audit;
	}

	/**
	 * @param levels the levels a logger may be set to, most verbose first
	 */
	record LoggerList(List<LogLevels.Logger> loggers, List<String> levels) {
	}

	record LevelChange(@Nullable String level) {
	}

	record LoggerResponse(LogLevels.Logger logger) {
	}

	@GetMapping
	LoggerList list(@RequestParam(required = false) @Nullable String q) {
		return new LoggerList(this.levels.list(q), LogLevels.LEVELS);
	}

	/**
	 * Sets a logger's level; a logger no code has asked for yet (a package) is created.
	 */
	@PutMapping("/{name}")
	LoggerResponse set(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String name,
			@RequestBody LevelChange change) {
		LogLevels.Logger logger = this.levels.set(name, change.level(), me.id());
		this.audit.record("log_level.set", "logger", logger.name(), logger.configuredLevel());
		return new LoggerResponse(logger);
	}

	/** Back to the level the server started with; 404 when it was not changed. */
	@DeleteMapping("/{name}")
	LoggerResponse reset(@PathVariable String name) {
		LogLevels.Logger logger = this.levels.reset(name)
			.orElseThrow(() -> new NotFoundException("logger level not changed since start"));
		this.audit.record("log_level.reset", "logger", logger.name(), logger.effectiveLevel());
		return new LoggerResponse(logger);
	}

}
