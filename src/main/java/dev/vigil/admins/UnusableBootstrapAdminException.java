package dev.vigil.admins;

import dev.vigil.CannotStartException;

/**
 * The first admin cannot be created from
 * {@code VIGIL_ADMIN_EMAIL}/{@code VIGIL_ADMIN_PASSWORD}. The message names the setting
 * and what is wrong with it, never its value.
 */
class UnusableBootstrapAdminException extends CannotStartException {

	UnusableBootstrapAdminException(String message) {
		super(message);
	}

}
