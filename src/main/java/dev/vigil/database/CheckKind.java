package dev.vigil.database;

import java.util.Locale;
import java.util.Optional;

/** The maintenance a database check runs. */
public enum CheckKind {

	/** {@code PRAGMA integrity_check} and {@code foreign_key_check}, read-only. */
	INTEGRITY_CHECK,

	/** {@code PRAGMA optimize} over every table: refreshes the planner's statistics. */
	OPTIMIZE,

	/**
	 * {@code VACUUM} then {@code wal_checkpoint(TRUNCATE)}: rewrites the file without its
	 * free pages; holds the write gate throughout.
	 */
	VACUUM;

	/** The name used in the API and the database. */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Optional<CheckKind> from(String id) {
		for (CheckKind kind : values()) {
			if (kind.id().equals(id)) {
				return Optional.of(kind);
			}
		}
		return Optional.empty();
	}

}
