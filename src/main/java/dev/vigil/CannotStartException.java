package dev.vigil;

import org.springframework.boot.ExitCodeGenerator;

/**
 * Vigil cannot start because of its environment or settings, not a bug: the message is
 * one line naming what to fix (never a secret's value), printed as is by
 * {@link CannotStartReporter}, and the process exits with {@link #getExitCode()}.
 */
public abstract class CannotStartException extends RuntimeException implements ExitCodeGenerator {

	protected CannotStartException(String message) {
		// No stack trace: nothing prints it, and it would only say where the check is.
		super(message, null, false, false);
	}

	@Override
	public int getExitCode() {
		return 1;
	}

}
