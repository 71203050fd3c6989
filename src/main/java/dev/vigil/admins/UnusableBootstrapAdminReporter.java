package dev.vigil.admins;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.core.Ordered;

/**
 * Reports unusable first-admin settings as one line on stderr instead of Boot's "Application run
 * failed" and a stack trace: the operator has a setting to fix, not a bug to read. Registered in
 * {@code META-INF/spring.factories}.
 */
class UnusableBootstrapAdminReporter implements SpringBootExceptionReporter, Ordered {

	@Override
	public boolean reportException(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof UnusableBootstrapAdminException unusable) {
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
