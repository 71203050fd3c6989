package dev.vigil.support;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * With {@code -Dvigil.test.database=postgresql}, gives each Spring test context with a
 * database (a {@code @SpringBootTest} or a {@link RepositoryTest}) a fresh PostgreSQL
 * database instead of SQLite. Registered in {@code META-INF/spring.factories}; without
 * the property it adds nothing (and changes no context cache key).
 */
class TestDatabaseCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		if (!TestPostgres.selected()) {
			return null;
		}
		MergedAnnotations annotations = MergedAnnotations.from(testClass,
				MergedAnnotations.SearchStrategy.TYPE_HIERARCHY);
		if (!annotations.isPresent(SpringBootTest.class) && !annotations.isPresent(RepositoryTest.class)) {
			return null;
		}
		return new FreshPostgres();
	}

	/**
	 * Equal to every other: contexts are still shared as on SQLite, each with its own
	 * database.
	 */
	private static final class FreshPostgres implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			TestPropertyValues
				.of("vigil.storage.database-url=" + TestPostgres.createDatabase(),
						"vigil.storage.username=" + TestPostgres.USER)
				.applyTo(context);
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof FreshPostgres;
		}

		@Override
		public int hashCode() {
			return FreshPostgres.class.hashCode();
		}

	}

}
