package dev.vigil.auth;

/**
 * The scopes carried in access tokens, each guarding one area of the admin API, and the
 * scopes an API key may carry on the machine API.
 */
public final class Scopes {

	public static final String ADMINS = "admin:admins";

	public static final String SESSIONS = "admin:sessions";

	public static final String AUDIT = "admin:audit";

	public static final String LOGS = "admin:logs";

	/**
	 * Logger levels at runtime (superadmin): a logger at DEBUG or TRACE can write what
	 * only superadmins may see (SQL parameters, secrets) into the log every viewer reads.
	 */
	public static final String LOG_LEVELS = "admin:log-levels";

	public static final String NOTIFICATIONS = "admin:notifications";

	public static final String JOBS = "admin:jobs";

	public static final String BACKUPS = "admin:backups";

	/** API keys for other systems (superadmin). */
	public static final String API_KEYS = "admin:api-keys";

	/** Webhook endpoints notifications are delivered to (superadmin). */
	public static final String WEBHOOKS = "admin:webhooks";

	/** Database health: figures, integrity check, optimize, VACUUM (superadmin). */
	public static final String DATABASE = "admin:database";

	/** Alert rules on the logs (admins and superadmins). */
	public static final String ALERTS = "admin:alerts";

	/** Machine API ({@code /api/v1}, API keys): send notifications. */
	public static final String KEY_NOTIFICATIONS_SEND = "notifications:send";

	/** Machine API: the key owner's notification stream. */
	public static final String KEY_NOTIFICATIONS_READ = "notifications:read";

	/** Machine API: log history, files and the live log stream. */
	public static final String KEY_LOGS_READ = "logs:read";

	/** Machine API: the dashboard snapshot, history and stream. */
	public static final String KEY_DASHBOARD_READ = "dashboard:read";

	private Scopes() {
	}

	/** The Spring Security authority for a scope. */
	public static String authority(String scope) {
		return "SCOPE_" + scope;
	}

}
