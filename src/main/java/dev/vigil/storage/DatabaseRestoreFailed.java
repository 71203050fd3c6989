package dev.vigil.storage;

/**
 * Published when a restore failed after {@link DatabaseRestoring}: the database was left
 * as it was, and paused work resumes.
 *
 * @param source the backup name or uploaded file name that was not restored
 */
public record DatabaseRestoreFailed(String source) {
}
