package dev.vigil;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.core.Ordered;

/**
 * Reports a {@link CannotStartException} as one line on stderr instead of Boot's
 * "Application run failed" and a stack trace: the operator has a setting or a directory
 * to fix, not a bug to read. Logging may not be set up yet (its file lives in the data
 * directory), hence stderr. Registered in {@code META-INF/spring.factories}.
 */
class CannotStartReporter implements SpringBootExceptionReporter, Ordered {

	@Override
	public boolean reportException(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof CannotStartException cannotStart) {
				System.err.println("Vigil cannot start: " + cannotStart.getMessage());
				return true;
			}
		}
		return false;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
