package dev.vigil.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The application's own SQLite setup ({@link SqliteConfiguration}: WAL, IMMEDIATE
 * transactions, {@link SerializedWrites}) on a new file in a temporary directory, for
 * slice tests. Used through {@code dev.vigil.support.RepositoryTest}.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(DatabaseConfiguration.class)
@EnableConfigurationProperties(StorageProperties.class)
public class SqliteTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		try {
			Path directory = Files.createTempDirectory("vigil-repository-test");
			TestPropertyValues.of("vigil.storage.data-dir=" + directory).applyTo(context);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
