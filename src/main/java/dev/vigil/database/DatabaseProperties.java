package dev.vigil.database;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Database health settings.
 *
 * @param rowCountLimit rows counted per table at most: {@code count(*)} reads the whole
 * table, so a bigger table is shown as "at least" this many
 * @param integrityMaxErrors problems an integrity check reports at most
 * @param history finished checks listed
 */
@ConfigurationProperties("vigil.database")
record DatabaseProperties(@DefaultValue("100000") int rowCountLimit, @DefaultValue("100") int integrityMaxErrors,
		@DefaultValue("20") int history) {
}
