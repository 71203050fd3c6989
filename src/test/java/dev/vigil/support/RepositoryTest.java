package dev.vigil.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import dev.vigil.storage.SqliteTestDatabase;

/**
 * A {@code @JdbcTest} slice for one repository on a real SQLite file, migrated by Flyway
 * as at startup: the application's DataSource, not an embedded stand-in. Each test runs
 * in a transaction rolled back at its end; a test that needs commits (several threads)
 * opts out with {@code @Transactional(propagation = NOT_SUPPORTED)}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@JdbcTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@Import(SqliteTestDatabase.class)
@ContextConfiguration(initializers = SqliteTestDatabase.class)
public @interface RepositoryTest {

}
