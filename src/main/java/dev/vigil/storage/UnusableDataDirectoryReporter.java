package dev.vigil.storage;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.core.Ordered;

/**
 * Reports an unusable data directory as one line on stderr, instead of Boot's "Application run
 * failed" and a stack trace: the cause is the environment, not the code, and the operator needs
 * the directory and the reason, nothing else. Logging may not be set up yet (its file lives in the
 * data directory), hence stderr. Registered in {@code META-INF/spring.factories}.
 */
class UnusableDataDirectoryReporter implements SpringBootExceptionReporter, Ordered {

	@Override
	public boolean reportException(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof UnusableDataDirectoryException unusable) {
				System.err.println("Vigil cannot start: " + unusable.getMessage());
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
