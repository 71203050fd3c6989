package dev.vigil.storage;

import dev.vigil.CannotStartException;

/**
 * The data directory cannot be used: it cannot be created, written, or its disk is
 * (nearly) full. The message names the directory and the cause.
 */
public class UnusableDataDirectoryException extends CannotStartException {

	UnusableDataDirectoryException(String message) {
		super(message);
	}

}
