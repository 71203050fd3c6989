package dev.vigil.storage;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where Vigil keeps its state and how the connection pool behaves.
 *
 * @param dataDir root of the data directory ({@code VIGIL_DATA_DIR})
 * @param poolSize connections in the pool; SQLite allows one writer at a time, readers
 * run in parallel; on PostgreSQL, per instance
 * @param busyTimeout how long a writer waits for the write lock before SQLite reports
 * SQLITE_BUSY
 * @param minFreeSpace free disk space the data directory needs at start; below it Vigil
 * refuses to start rather than fail later in the middle of a write
 * @param databaseUrl a PostgreSQL database ({@code VIGIL_DATABASE_URL}:
 * {@code jdbc:postgresql://…} or {@code postgres://user:pass@host:port/db}); empty: the
 * SQLite file in the data directory
 * @param username PostgreSQL user ({@code VIGIL_DATABASE_USERNAME}), unless in the URL
 * @param password PostgreSQL password ({@code VIGIL_DATABASE_PASSWORD}), unless in the
 * URL
 */
@ConfigurationProperties("vigil.storage")
record StorageProperties(@DefaultValue("./data") Path dataDir, @DefaultValue("8") int poolSize,
		@DefaultValue("30s") Duration busyTimeout, @DefaultValue("64MB") DataSize minFreeSpace,
		@DefaultValue("") String databaseUrl, @DefaultValue("") String username, @DefaultValue("") String password) {
}
