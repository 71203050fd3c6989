package dev.vigil.auth;

import java.util.List;

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

	/** Roles: their scopes and log sources (superadmin). */
	public static final String ROLES = "admin:roles";

	/** Machine API ({@code /api/v1}, API keys): send notifications. */
	public static final String KEY_NOTIFICATIONS_SEND = "notifications:send";

	/** Machine API: the key owner's notification stream. */
	public static final String KEY_NOTIFICATIONS_READ = "notifications:read";

	/** Machine API: log history, files and the live log stream. */
	public static final String KEY_LOGS_READ = "logs:read";

	/** Machine API: the dashboard snapshot, history and stream. */
	public static final String KEY_DASHBOARD_READ = "dashboard:read";

	/**
	 * The admin API's scopes, the ones a role can hold, each with a short label and the
	 * area the role form groups it under; in display order.
	 */
	public static final List<Known> ADMIN = List.of(new Known(LOGS, "Read logs", "Logs"),
			new Known(ALERTS, "Alert rules on logs", "Logs"), new Known(LOG_LEVELS, "Change logger levels", "Logs"),
			new Known(NOTIFICATIONS, "Send notifications", "Notifications"),
			new Known(WEBHOOKS, "Webhooks", "Notifications"), new Known(AUDIT, "Read the audit log", "People"),
			new Known(SESSIONS, "Sessions of every admin", "People"), new Known(ADMINS, "Manage admins", "People"),
			new Known(ROLES, "Manage roles", "People"), new Known(API_KEYS, "API keys", "People"),
			new Known(JOBS, "Jobs and schedules", "Operations"),
			new Known(BACKUPS, "Backups and restore", "Operations"),
			new Known(DATABASE, "Database health", "Operations"));

	private Scopes() {
	}

	/** The ids of {@link #ADMIN}. */
	public static List<String> adminIds() {
		return ADMIN.stream().map(Known::id).toList();
	}

	/**
	 * One scope of the admin API.
	 *
	 * @param id the scope
	 * @param label what it allows, in a few words
	 * @param area where the role form groups it
	 */
	public record Known(String id, String label, String area) {
	}

	/** The Spring Security authority for a scope. */
	public static String authority(String scope) {
		return "SCOPE_" + scope;
	}

}
