package dev.vigil.auth;

/** The scopes carried in access tokens; each guards one area of the admin API. */
public final class Scopes {

	public static final String ADMINS = "admin:admins";

	public static final String SESSIONS = "admin:sessions";

	public static final String AUDIT = "admin:audit";

	public static final String LOGS = "admin:logs";

	public static final String NOTIFICATIONS = "admin:notifications";

	public static final String JOBS = "admin:jobs";

	public static final String BACKUPS = "admin:backups";

	/** API keys for other systems (superadmin). */
	public static final String API_KEYS = "admin:api-keys";

	/** Webhook endpoints notifications are delivered to (superadmin). */
	public static final String WEBHOOKS = "admin:webhooks";

	private Scopes() {
	}

	/** The Spring Security authority for a scope. */
	public static String authority(String scope) {
		return "SCOPE_" + scope;
	}

}
