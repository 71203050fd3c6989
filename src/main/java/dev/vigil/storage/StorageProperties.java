package dev.vigil.storage;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where Vigil keeps its state and how the SQLite pool behaves.
 *
 * @param dataDir root of the data directory ({@code VIGIL_DATA_DIR})
 * @param poolSize connections in the pool; SQLite allows one writer at a time, readers
 * run in parallel
 * @param busyTimeout how long a writer waits for the write lock before SQLite reports
 * SQLITE_BUSY
 * @param minFreeSpace free disk space the data directory needs at start; below it Vigil
 * refuses to start rather than fail later in the middle of a write
 */
@ConfigurationProperties("vigil.storage")
record StorageProperties(@DefaultValue("./data") Path dataDir, @DefaultValue("8") int poolSize,
		@DefaultValue("30s") Duration busyTimeout, @DefaultValue("64MB") DataSize minFreeSpace) {
}
