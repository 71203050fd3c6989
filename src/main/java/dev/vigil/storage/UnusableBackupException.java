package dev.vigil.storage;

/**
 * A restore candidate that Vigil cannot run on: not SQLite, damaged, not a Vigil
 * database, or made by a newer Vigil. Nothing was changed.
 */
class UnusableBackupException extends RuntimeException {

	UnusableBackupException(String message) {
		super(message, null, false, false);
	}

}
