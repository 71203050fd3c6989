package dev.vigil.admins;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import dev.vigil.ConflictException;
import dev.vigil.InvalidRequestException;
import dev.vigil.NotFoundException;
import dev.vigil.web.ApiException;
import dev.vigil.admins.AdminAccountChanged.Change;
import dev.vigil.audit.AuditLog;
import dev.vigil.auth.AdminRoleChanged;
import dev.vigil.auth.Roles;
import dev.vigil.auth.SessionRevoked.Reason;
import dev.vigil.auth.SessionService;

/**
 * Admin account changes with their side effects: audit rows, and session revocation
 * whenever an account is deactivated, deleted or has its password changed.
 */
@Service
class AdminService {

	private final AdminRepository repository;

	private final PasswordEncoder passwordEncoder;

	private final SessionService sessions;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Roles roles;

	/**
	 * Held while a change could leave no active superadmin: the check and the write must
	 * not interleave with another such change.
	 */
	private final LastSuperadmin lastSuperadmin;

	AdminService(AdminRepository repository, PasswordEncoder passwordEncoder, SessionService sessions, AuditLog audit,
			ApplicationEventPublisher events, Roles roles, LastSuperadmin lastSuperadmin) {
		this.roles = roles;
		this.lastSuperadmin = lastSuperadmin;
		this.repository = repository;
		this.passwordEncoder = passwordEncoder;
		this.sessions = sessions;
		this.audit = audit;
		this.events = events;
	}

	AdminRepository.Admin create(long actorId, String email, String password, @Nullable String name, String role) {
		requireRole(role);
		String normalized = email.trim();
		if (this.repository.emailTaken(normalized)) {
			throw new ConflictException("email already exists");
		}
		long id;
		try {
			id = this.repository.insert(normalized, this.passwordEncoder.encode(password),
					(name != null) ? name.trim() : "", role);
		}
		catch (DuplicateKeyException ex) {
			// Two creates raced past the check: the unique index decides.
			throw new ConflictException("email already exists");
		}
		this.audit.record("admin.create", "admin", id, normalized + " (" + role + ")");
		this.events.publishEvent(new AdminAccountChanged(id, normalized, Change.CREATED, actorId));
		return get(id);
	}

	AdminRepository.Admin get(long id) {
		return this.repository.findById(id).orElseThrow(() -> new NotFoundException("admin not found"));
	}

	/**
	 * Sets the given fields (null = unchanged) and only those, so a concurrent change to
	 * another field stands.
	 * @param actorId the admin making the change, who may not deactivate themself
	 */
	AdminRepository.Admin update(long actorId, long id, @Nullable String name, @Nullable String role,
			@Nullable Boolean active, @Nullable String password) {
		if (actorId == id && Boolean.FALSE.equals(active)) {
			throw new InvalidRequestException("you cannot deactivate yourself");
		}
		if (role != null) {
			requireRole(role);
		}
		String trimmedName = (name != null) ? name.trim() : null;
		AdminRepository.Admin before;
		synchronized (this.lastSuperadmin) {
			before = get(id);
			boolean demoted = role != null && !role.equals(Roles.SUPERADMIN);
			if ((demoted || Boolean.FALSE.equals(active)) && this.lastSuperadmin.is(before)) {
				throw lastSuperadminRemains();
			}
			if (!this.repository.update(id, trimmedName, role, active,
					(password != null) ? this.passwordEncoder.encode(password) : null)) {
				throw new NotFoundException("admin not found");
			}
		}
		if (before.active() && Boolean.FALSE.equals(active)) {
			this.sessions.revokeAllOf(id, Reason.ACCOUNT_DISABLED, null);
			this.events.publishEvent(new AdminAccountChanged(id, before.email(), Change.DEACTIVATED, actorId));
		}
		else if (password != null) {
			this.sessions.revokeAllOf(id, Reason.PASSWORD_CHANGED, null);
		}
		else if (role != null && !role.equals(before.role())) {
			// The access token names the role: end sessions so the new role applies at
			// the next login.
			this.sessions.revokeAllOf(id, Reason.REVOKED, null);
		}
		if (role != null && !role.equals(before.role())) {
			// Also the streams of the admin's API keys, which no session covers.
			this.events.publishEvent(new AdminRoleChanged(id, role));
		}
		this.audit.record("admin.update", "admin", id, changes(before, trimmedName, role, active, password != null));
		return get(id);
	}

	/** Soft-deletes an account and ends its sessions; false when it did not exist. */
	boolean delete(long actorId, long id, String details) {
		if (actorId == id) {
			throw new InvalidRequestException("you cannot delete yourself");
		}
		AdminRepository.Admin admin;
		synchronized (this.lastSuperadmin) {
			admin = this.repository.findById(id).orElse(null);
			if (admin != null && this.lastSuperadmin.is(admin)) {
				throw lastSuperadminRemains();
			}
			if (admin == null || !this.repository.softDelete(id)) {
				return false;
			}
		}
		this.sessions.revokeAllOf(id, Reason.ACCOUNT_DISABLED, null);
		this.audit.record("admin.delete", "admin", id, details);
		this.events.publishEvent(new AdminAccountChanged(id, admin.email(), Change.DELETED, actorId));
		return true;
	}

	/** 422 for a role that does not exist. */
	private void requireRole(String role) {
		if (!this.roles.exists(role)) {
			throw ApiException.invalid("role", "unknown role");
		}
	}

	private static ConflictException lastSuperadminRemains() {
		return new ConflictException("at least one active superadmin must remain");
	}

	private static String changes(AdminRepository.Admin before, @Nullable String name, @Nullable String role,
			@Nullable Boolean active, boolean password) {
		StringBuilder changes = new StringBuilder();
		if (name != null && !before.name().equals(name)) {
			changes.append("name ");
		}
		if (role != null && !before.role().equals(role)) {
			changes.append("role:").append(before.role()).append("->").append(role).append(' ');
		}
		if (active != null && before.active() != active) {
			changes.append(active ? "activated " : "deactivated ");
		}
		if (password) {
			changes.append("password ");
		}
		return changes.toString().trim();
	}

}
