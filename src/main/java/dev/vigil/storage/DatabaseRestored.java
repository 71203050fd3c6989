package dev.vigil.storage;

/**
 * Published, synchronously and still under the write gate, once the database holds the
 * restored content: every in-memory copy of database state is stale. Modules drop their
 * caches; auth ends every session; the stream core closes every open stream, so clients
 * reconnect and are authorised again against the restored database.
 *
 * @param source the backup name or uploaded file name that was restored
 * @param safetyBackup the backup of the database as it was just before the swap
 */
public record DatabaseRestored(String source, String safetyBackup) {
}
