package dev.vigil.storage;

/**
 * Published, synchronously, after a restore candidate passed its checks and just before
 * the database is swapped: modules that work on the database in the background pause
 * until {@link DatabaseRestored} or {@link DatabaseRestoreFailed}.
 *
 * @param source the backup name or uploaded file name being restored
 */
public record DatabaseRestoring(String source) {
}
