package dev.vigil.storage;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Proves the data directory usable before anything else touches it. It runs once the
 * configuration is loaded and before logging starts: logging's file lives in the data
 * directory, and a logback that cannot open it, or a Flyway that cannot write the
 * database, fails with pages of stack traces instead of saying what is wrong. Registered
 * in {@code META-INF/spring.factories}.
 */
class DataDirectoryCheck implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		StorageProperties properties;
		try {
			properties = Binder.get(environment).bindOrCreate("vigil.storage", StorageProperties.class);
		}
		catch (RuntimeException ex) {
			// A malformed value is reported, with the property's name, when the context
			// binds it.
			return;
		}
		DataDirectory.check(properties.dataDir(), properties.minFreeSpace().toBytes());
		// A malformed URL, or several instances on SQLite, is one line now, not a
		// stack trace from the bean that builds the pool.
		if (!properties.databaseUrl().isBlank()) {
			DatabaseUrl.parse(properties.databaseUrl(), properties.username(), properties.password());
		}
		else {
			DatabaseConfiguration.requireNotClustered(environment);
		}
	}

	/**
	 * After every other post-processor, so that all configuration (files, environment) is
	 * in.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
