package dev.vigil.storage;

import org.springframework.boot.ExitCodeGenerator;

/**
 * The data directory cannot be used: it cannot be created, written, or its disk is (nearly) full.
 * The message is one line naming the directory and the cause, printed as is by
 * {@link UnusableDataDirectoryReporter}; the process exits with {@link #getExitCode()}.
 */
public class UnusableDataDirectoryException extends RuntimeException implements ExitCodeGenerator {

	UnusableDataDirectoryException(String message) {
		super(message);
	}

	@Override
	public int getExitCode() {
		return 1;
	}

}
