package dev.vigil.logs;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.stereotype.Service;

import dev.vigil.web.ApiException;

/**
 * Logger levels changed at runtime through Spring Boot's {@link LoggingSystem}. Changes
 * last until the server restarts: a level left at DEBUG for weeks by a forgotten change
 * would fill the disk, and the configuration stays the one place that says how the server
 * logs. A reset returns a logger to the level it started with, not to "inherit", so a
 * level set in the configuration survives a reset.
 */
@Service
class LogLevels {

	/** A Java logger name (dotted identifiers) or the root logger. */
	private static final Pattern NAME = Pattern
		.compile("ROOT|[A-Za-z_$][A-Za-z0-9_$-]*(\\.[A-Za-z_$][A-Za-z0-9_$-]*)*");

	private static final int MAX_NAME_LENGTH = 250;

	/** Offered levels, most verbose first; Boot's FATAL is logback's ERROR. */
	static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

	private final LoggingSystem logging;

	private final Clock clock;

	/** Configured levels at startup, the target of a reset. */
	private final Map<String, @Nullable LogLevel> startup = new HashMap<>();

	private final Map<String, Change> changes = new ConcurrentHashMap<>();

	LogLevels(LoggingSystem logging, Clock clock) {
		this.logging = logging;
		this.clock = clock;
		for (LoggerConfiguration logger : logging.getLoggerConfigurations()) {
			if (logger.getConfiguredLevel() != null) {
				this.startup.put(logger.getName(), logger.getConfiguredLevel());
			}
		}
	}

	/** Who changed a logger's level at runtime, and when. */
	record Change(long byAdminId, Instant at) {
	}

	/**
	 * @param configuredLevel set on this logger itself; null when it inherits
	 * @param startupLevel configured at startup, what a reset returns to
	 * @param change the runtime change in force, if any
	 */
	record Logger(String name, @Nullable String configuredLevel, String effectiveLevel, @Nullable String startupLevel,
			@Nullable Change change) {
	}

	/** Every logger whose name contains {@code query} (case-insensitive), root first. */
	List<Logger> list(@Nullable String query) {
		String needle = (query != null) ? query.trim().toLowerCase(Locale.ROOT) : "";
		return this.logging.getLoggerConfigurations()
			.stream()
			.filter((logger) -> logger.getName().toLowerCase(Locale.ROOT).contains(needle))
			.sorted(Comparator.comparing((LoggerConfiguration logger) -> !isRoot(logger.getName()))
				.thenComparing(LoggerConfiguration::getName))
			.map(this::view)
			.toList();
	}

	/** The logger, created by the logging system if no code has asked for it yet. */
	Logger set(String name, @Nullable String level, long adminId) {
		String logger = validName(name);
		LogLevel parsed = validLevel(level);
		this.logging.setLogLevel(logger, parsed);
		this.changes.put(logger, new Change(adminId, this.clock.instant()));
		return get(logger);
	}

	/**
	 * Back to the startup level; the logger as it is now, or empty when it was never
	 * changed.
	 */
	Optional<Logger> reset(String name) {
		String logger = validName(name);
		if (this.changes.remove(logger) == null) {
			return Optional.empty();
		}
		this.logging.setLogLevel(logger, this.startup.get(logger));
		return Optional.of(get(logger));
	}

	private Logger get(String name) {
		LoggerConfiguration configuration = this.logging.getLoggerConfiguration(name);
		if (configuration == null) {
			throw new IllegalStateException("logger " + name + " vanished");
		}
		return view(configuration);
	}

	private Logger view(LoggerConfiguration logger) {
		LogLevel startupLevel = this.startup.get(logger.getName());
		return new Logger(logger.getName(), name(logger.getConfiguredLevel()), logger.getEffectiveLevel().name(),
				name(startupLevel), this.changes.get(logger.getName()));
	}

	private static @Nullable String name(@Nullable LogLevel level) {
		return (level != null) ? level.name() : null;
	}

	private static boolean isRoot(String name) {
		return LoggingSystem.ROOT_LOGGER_NAME.equals(name);
	}

	private static String validName(String name) {
		String trimmed = name.trim();
		if (trimmed.equalsIgnoreCase(LoggingSystem.ROOT_LOGGER_NAME)) {
			return LoggingSystem.ROOT_LOGGER_NAME;
		}
		if (trimmed.length() > MAX_NAME_LENGTH || !NAME.matcher(trimmed).matches()) {
			throw ApiException.invalid("name", "must be a logger name (dotted package or class names) or ROOT");
		}
		return trimmed;
	}

	private static LogLevel validLevel(@Nullable String level) {
		String upper = (level != null) ? level.trim().toUpperCase(Locale.ROOT) : "";
		if (!LEVELS.contains(upper)) {
			throw ApiException.invalid("level", "must be one of " + String.join(", ", LEVELS));
		}
		return LogLevel.valueOf(upper);
	}

}
