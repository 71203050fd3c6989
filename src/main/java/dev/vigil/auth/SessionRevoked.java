package dev.vigil.auth;

/**
 * Published when a session ends for any reason other than a restart: logout, revocation,
 * refresh token reuse, expiry, the admin's deactivation or password change. Live streams
 * opened with the session close on it.
 */
public record SessionRevoked(String sessionId, long adminId, Reason reason) {

	public enum Reason {

		LOGOUT, REVOKED, TOKEN_REUSE, EXPIRED, ACCOUNT_DISABLED, PASSWORD_CHANGED

	}

}
