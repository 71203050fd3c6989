package dev.vigil.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.vigil.ConflictException;
import dev.vigil.NotFoundException;
import dev.vigil.audit.AuditLog;
import dev.vigil.storage.DatabaseRestored;
import dev.vigil.web.ApiException;

/**
 * The roles admins can have, by name, as data: the auth module's API for other features
 * and sign-in methods (single sign-on maps groups to these names). Definitions are cached
 * in memory and read again after every change, so that each request and each open stream
 * is judged by what a role allows now. {@code superadmin} always holds every scope and
 * every log source, whatever its row says, and cannot be changed: nobody can lock
 * everyone out by editing it.
 */
@Component
public class Roles {

	public static final String SUPERADMIN = "superadmin";

	public static final String ADMIN = "admin";

	public static final String VIEWER = "viewer";

	/** Lazily: the mapping asks these roles for their scopes. */
	private final ObjectProvider<GroupRoles> groupRoles;

	private final SecondFactorRepository secondFactors;

	private final RoleRepository repository;

	private final AdminAccounts accounts;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private volatile @Nullable Map<String, Definition> cache;

	Roles(RoleRepository repository, AdminAccounts accounts, AuditLog audit, ApplicationEventPublisher events,
			Clock clock, ObjectProvider<GroupRoles> groupRoles, SecondFactorRepository secondFactors) {
		this.groupRoles = groupRoles;
		this.secondFactors = secondFactors;
		this.repository = repository;
		this.accounts = accounts;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A role as it is now.
	 *
	 * @param name its name, {@code [a-z][a-z0-9_-]{1,31}}
	 * @param description what it is for
	 * @param scopes the admin API scopes it holds
	 * @param logSources the log sources it may read, or {@code null} for every source its
	 * scopes allow
	 * @param builtin one of superadmin, admin, viewer: cannot be deleted
	 */
	public record Definition(String name, String description, List<String> scopes, @Nullable List<String> logSources,
			boolean builtin, Instant createdAt, Instant updatedAt) {

		/** Whether this role cannot be changed at all (superadmin). */
		public boolean locked() {
			return this.name.equals(SUPERADMIN);
		}

	}

	/** Whether a role of this name exists. */
	public boolean exists(String name) {
		return definitions().containsKey(name);
	}

	/** The scopes of a role; empty when there is no such role. */
	public List<String> scopesOf(String name) {
		Definition role = definitions().get(name);
		return (role != null) ? role.scopes() : List.of();
	}

	/**
	 * The log sources a role may read, or {@code null} for every source its scopes allow;
	 * empty when there is no such role.
	 */
	public @Nullable Set<String> logSourcesOf(String name) {
		Definition role = definitions().get(name);
		if (role == null) {
			return Set.of();
		}
		return (role.logSources() != null) ? Set.copyOf(role.logSources()) : null;
	}

	/** Every role: the built-in ones first, then the others by name. */
	public List<Definition> list() {
		return List.copyOf(definitions().values());
	}

	public Optional<Definition> find(String name) {
		return Optional.ofNullable(definitions().get(name));
	}

	/**
	 * The principal of a signed-in admin's request: who the token says, with what the
	 * role allows now.
	 */
	CurrentAdmin principal(long adminId, String sessionId, String role) {
		return new CurrentAdmin(adminId, sessionId, role, scopesOf(role), logSourcesOf(role));
	}

	/**
	 * This admin as their role stands now: the role's current scopes (an API key keeps
	 * its own) and log sources. Open streams are checked against it after a change.
	 */
	public CurrentAdmin current(CurrentAdmin admin) {
		if (admin.viaApiKey()) {
			return new CurrentAdmin(admin.id(), admin.sessionId(), admin.role(), admin.scopes(),
					logSourcesOf(admin.role()));
		}
		return principal(admin.id(), admin.sessionId(), admin.role());
	}

	/** How many live admins have each role (roles nobody has are left out). */
	public Map<String, Long> adminCounts() {
		return this.accounts.countByRole();
	}

	Definition create(String name, String description, List<String> scopes, @Nullable List<String> logSources) {
		synchronized (this) {
			if (!this.repository.insert(name, description, scopes, logSources, this.clock.instant())) {
				throw new ConflictException("a role named " + name + " already exists");
			}
			this.cache = null;
		}
		this.audit.record("role.create", "role", name, "scopes:" + String.join(",", scopes) + " sources:"
				+ ((logSources != null) ? String.join(",", logSources) : "all"));
		// Nobody has it yet, but every instance's cache must learn it.
		this.events.publishEvent(new RoleChanged(name));
		return definitions().get(name);
	}

	Definition update(String name, String description, List<String> scopes, @Nullable List<String> logSources) {
		Definition before;
		synchronized (this) {
			before = definitions().get(name);
			if (before == null) {
				throw new NotFoundException("role not found");
			}
			if (before.locked()) {
				throw new ApiException(HttpStatus.FORBIDDEN,
						"the superadmin role cannot be changed: it always holds every scope");
			}
			this.repository.update(name, description, scopes, logSources, this.clock.instant());
			this.cache = null;
		}
		String changes = changes(before, description, scopes, logSources);
		this.audit.record("role.update", "role", name, changes.isEmpty() ? "no change" : changes);
		this.events.publishEvent(new RoleChanged(name));
		return definitions().get(name);
	}

	void delete(String name) {
		synchronized (this) {
			Definition role = definitions().get(name);
			if (role == null) {
				throw new NotFoundException("role not found");
			}
			if (role.builtin()) {
				throw new ConflictException("the built-in role " + name + " cannot be deleted");
			}
			// A sign-in setting naming a deleted role would fail closed, and nobody would
			// know why.
			if (this.groupRoles.getObject().roleNames().contains(name)) {
				throw new ConflictException("role " + name
						+ " is named by the single sign-on role mapping or default role: change those settings first");
			}
			if (this.secondFactors.policy().roles().contains(name)) {
				throw new ConflictException(
						"role " + name + " must sign in with a second factor (Security page): take it out there first");
			}
			long users = adminCounts().getOrDefault(name, 0L);
			if (users > 0) {
				throw new ConflictException("role " + name + " is in use by " + users
						+ ((users == 1) ? " admin" : " admins") + ": give them another role first");
			}
			this.repository.delete(name);
			this.cache = null;
		}
		this.audit.record("role.delete", "role", name, null);
		this.events.publishEvent(new RoleChanged(name));
	}

	/**
	 * Drops the cached definitions: another instance changed a role, or may have while
	 * this one was cut off from it.
	 */
	public void forget() {
		synchronized (this) {
			this.cache = null;
		}
	}

	/** A restored database brings its own roles. */
	@EventListener
	@Order(0)
	void onDatabaseRestored(DatabaseRestored event) {
		synchronized (this) {
			this.cache = null;
		}
	}

	private Map<String, Definition> definitions() {
		Map<String, Definition> cached = this.cache;
		if (cached != null) {
			return cached;
		}
		synchronized (this) {
			if (this.cache == null) {
				Map<String, Definition> loaded = new LinkedHashMap<>();
				for (RoleRepository.Row row : this.repository.findAll()) {
					boolean superadmin = row.name().equals(SUPERADMIN);
					loaded.put(row.name(),
							new Definition(row.name(), row.description(),
									superadmin ? Scopes.adminIds() : List.copyOf(row.scopes()),
									(superadmin || row.logSources() == null) ? null : List.copyOf(row.logSources()),
									row.builtin(), row.createdAt(), row.updatedAt()));
				}
				this.cache = loaded;
			}
			return this.cache;
		}
	}

	private static String changes(Definition before, String description, List<String> scopes,
			@Nullable List<String> logSources) {
		List<String> changes = new ArrayList<>();
		Set<String> added = new LinkedHashSet<>(scopes);
		before.scopes().forEach(added::remove);
		Set<String> removed = new LinkedHashSet<>(before.scopes());
		scopes.forEach(removed::remove);
		if (!added.isEmpty() || !removed.isEmpty()) {
			changes.add("scopes:" + added.stream().map((s) -> "+" + s).collect(Collectors.joining(","))
					+ (added.isEmpty() || removed.isEmpty() ? "" : ",")
					+ removed.stream().map((s) -> "-" + s).collect(Collectors.joining(",")));
		}
		String sourcesBefore = (before.logSources() != null) ? String.join(",", before.logSources()) : "all";
		String sourcesAfter = (logSources != null) ? String.join(",", logSources) : "all";
		if (!sourcesBefore.equals(sourcesAfter)) {
			changes.add("sources:" + sourcesBefore + "->" + sourcesAfter);
		}
		if (!before.description().equals(description)) {
			changes.add("description");
		}
		return String.join(" ", changes);
	}

}
