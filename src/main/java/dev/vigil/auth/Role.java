package dev.vigil.auth;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The built-in roles and the scopes they were created with (migration V13). Roles are
 * data since then: what a role allows now is {@link Roles}'s to say; {@code admin} and
 * {@code viewer} can be changed, {@code superadmin} always holds every scope. Every role
 * may read the dashboard and its own notifications; those need no scope.
 */
public enum Role {

	SUPERADMIN(List.of(Scopes.ADMINS, Scopes.SESSIONS, Scopes.AUDIT, Scopes.LOGS, Scopes.NOTIFICATIONS, Scopes.JOBS,
			Scopes.BACKUPS, Scopes.API_KEYS, Scopes.WEBHOOKS, Scopes.LOG_LEVELS, Scopes.DATABASE, Scopes.ALERTS,
			Scopes.ROLES)),

	ADMIN(List.of(Scopes.SESSIONS, Scopes.AUDIT, Scopes.LOGS, Scopes.NOTIFICATIONS, Scopes.JOBS, Scopes.ALERTS)),

	VIEWER(List.of(Scopes.LOGS));

	private final List<String> scopes;

	Role(List<String> scopes) {
		this.scopes = scopes;
	}

	/** The scopes it was created with; see {@link Roles#scopesOf} for what it has now. */
	public List<String> scopes() {
		return this.scopes;
	}

	/** The name used in the API and the database. */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<Role> from(String id) {
		for (Role role : values()) {
			if (role.id().equals(id)) {
				return Optional.of(role);
			}
		}
		return Optional.empty();
	}

}
