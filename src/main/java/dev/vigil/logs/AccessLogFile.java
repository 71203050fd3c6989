package dev.vigil.logs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Sends the access log ({@code vigil.access}, one line per request, the panel's own
 * polling included) to {@code access.log} beside the own log, in the same format and with
 * the same rolling policy, and not to the own log: the application's events stay
 * readable. Done here, at startup and before the server takes requests, rather than in a
 * Logback file, so that Boot's own file configuration stays as it is and
 * {@code vigil.logs.access-log=combined} can turn it off (docs/decisions.md).
 */
@Component
class AccessLogFile implements InitializingBean {

	static final String LOGGER = "vigil.access";

	static final String APPENDER = "ACCESS_FILE";

	private final LogsProperties properties;

	private final Environment environment;

	AccessLogFile(LogsProperties properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.properties.accessLog() != LogsProperties.AccessLog.SEPARATE
				|| !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
			return;
		}
		Logger access = context.getLogger(LOGGER);
		// Logging is one per JVM: a second application context (tests) finds it done.
		if (access.getAppender(APPENDER) != null) {
			return;
		}
		Appender<ILoggingEvent> own = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("FILE");
		if (!(own instanceof FileAppender<ILoggingEvent> file) || file.getFile() == null) {
			return; // no log file configured: access lines go where the rest goes
		}
		Path directory = Path.of(file.getFile()).toAbsolutePath().getParent();

		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setContext(context);
		encoder.setFormat(LogLineFormatter.class.getName());
		encoder.setCharset(StandardCharsets.UTF_8);
		encoder.start();

		RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
		appender.setContext(context);
		appender.setName(APPENDER);
		appender.setFile(directory.resolve(LogSources.ACCESS_FILE).toString());
		appender.setEncoder(encoder);

		SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
		policy.setContext(context);
		policy.setParent(appender);
		policy.setFileNamePattern(directory.resolve("access-%d{yyyy-MM-dd}.%i.log").toString());
		policy.setMaxFileSize(FileSize.valueOf(setting("max-file-size", "100MB")));
		policy.setMaxHistory(Integer.parseInt(setting("max-history", "7")));
		policy.setTotalSizeCap(FileSize.valueOf(setting("total-size-cap", "1GB")));
		policy.start();
		appender.setRollingPolicy(policy);
		appender.start();

		access.addAppender(appender);
		access.setAdditive(false);
	}

	/** The own log's rolling setting (logging.logback.rollingpolicy.*), applied alike. */
	private String setting(String name, String fallback) {
		return this.environment.getProperty("logging.logback.rollingpolicy." + name, fallback).trim();
	}

}
