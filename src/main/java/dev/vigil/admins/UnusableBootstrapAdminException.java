package dev.vigil.admins;

import org.springframework.boot.ExitCodeGenerator;

/**
 * The first admin cannot be created from {@code VIGIL_ADMIN_EMAIL}/{@code VIGIL_ADMIN_PASSWORD}. The
 * message is one line naming the setting and what is wrong with it, never its value; printed as is by
 * {@link UnusableBootstrapAdminReporter}, and the process exits with {@link #getExitCode()}.
 */
class UnusableBootstrapAdminException extends RuntimeException implements ExitCodeGenerator {

	UnusableBootstrapAdminException(String message) {
		super(message, null, false, false);
	}

	@Override
	public int getExitCode() {
		return 1;
	}

}
