package dev.vigil.storage;

import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * SQLite in the data directory unless {@code VIGIL_DATABASE_URL} names a PostgreSQL
 * database. Several instances ({@code VIGIL_REDIS_URL}) need PostgreSQL: they cannot
 * share a SQLite file, so a clustered start on SQLite is refused.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	/**
	 * How long a request waits for a PostgreSQL connection: short, so that while the
	 * database is down requests fail fast (503) instead of queueing.
	 */
	static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);

	@Bean
	DataDirectory dataDirectory(StorageProperties properties) {
		return new DataDirectory(properties.dataDir());
	}

	@Bean
	DataSource dataSource(DataDirectory dataDirectory, StorageProperties properties, Environment environment) {
		if (properties.databaseUrl().isBlank()) {
			requireNotClustered(environment);
			return SqliteConfiguration.dataSource(dataDirectory, properties);
		}
		return postgresql(DatabaseUrl.parse(properties.databaseUrl(), properties.username(), properties.password()),
				properties);
	}

	@Bean
	Database database(DataSource dataSource, DataDirectory dataDirectory, StorageProperties properties) {
		return new Database(properties.databaseUrl().isBlank() ? Database.Dialect.SQLITE : Database.Dialect.POSTGRESQL,
				dataSource, dataDirectory);
	}

	static void requireNotClustered(Environment environment) {
		boolean clustered = !environment.getProperty("vigil.cluster.redis-url", "").isBlank();
		if (clustered && !environment.getProperty("vigil.cluster.allow-sqlite", Boolean.class, false)) {
			throw new UnusableDatabaseSettingsException(
					"VIGIL_REDIS_URL is set (several instances) but VIGIL_DATABASE_URL is not: instances cannot share a SQLite file, set VIGIL_DATABASE_URL to a PostgreSQL database");
		}
	}

	private static HikariDataSource postgresql(DatabaseUrl url, StorageProperties properties) {
		HikariConfig hikari = new HikariConfig();
		hikari.setPoolName("postgresql");
		hikari.setDriverClassName("org.postgresql.Driver");
		hikari.setJdbcUrl(url.jdbcUrl());
		if (url.username() != null) {
			hikari.setUsername(url.username());
		}
		if (url.password() != null) {
			hikari.setPassword(url.password());
		}
		hikari.setMaximumPoolSize(properties.poolSize());
		hikari.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
		hikari.setValidationTimeout(Duration.ofSeconds(2).toMillis());
		// The driver's own limits, so that a dead server is noticed by the socket, not
		// only by the pool: connect in seconds, keep-alive on idle sockets.
		hikari.addDataSourceProperty("connectTimeout", "3");
		hikari.addDataSourceProperty("loginTimeout", "3");
		hikari.addDataSourceProperty("tcpKeepAlive", "true");
		hikari.addDataSourceProperty("ApplicationName", "vigil");
		// Strings are sent untyped and take the type their place in the query asks for:
		// a citext email compares case-insensitively, as SQLite's NOCASE column does
		// (sent as varchar it would compare as text, case-sensitively).
		hikari.addDataSourceProperty("stringtype", "unspecified");
		return new HikariDataSource(hikari);
	}

}
