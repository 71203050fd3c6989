package dev.vigil.storage;

import dev.vigil.CannotStartException;

/**
 * The database settings cannot work: a malformed {@code VIGIL_DATABASE_URL}, or several
 * instances on a SQLite file. The message says what to fix (never a password).
 */
class UnusableDatabaseSettingsException extends CannotStartException {

	UnusableDatabaseSettingsException(String message) {
		super(message);
	}

}
