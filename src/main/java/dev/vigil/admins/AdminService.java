package dev.vigil.admins;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import dev.vigil.ConflictException;
import dev.vigil.InvalidRequestException;
import dev.vigil.NotFoundException;
import dev.vigil.admins.AdminAccountChanged.Change;
import dev.vigil.audit.AuditLog;
import dev.vigil.auth.Role;
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

	AdminService(AdminRepository repository, PasswordEncoder passwordEncoder, SessionService sessions, AuditLog audit,
			ApplicationEventPublisher events) {
		this.repository = repository;
		this.passwordEncoder = passwordEncoder;
		this.sessions = sessions;
		this.audit = audit;
		this.events = events;
	}

	AdminRepository.Admin create(long actorId, String email, String password, @Nullable String name, Role role) {
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
		this.audit.record("admin.create", "admin", id, normalized + " (" + role.id() + ")");
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
	AdminRepository.Admin update(long actorId, long id, @Nullable String name, @Nullable Role role,
			@Nullable Boolean active, @Nullable String password) {
		if (actorId == id && Boolean.FALSE.equals(active)) {
			throw new InvalidRequestException("you cannot deactivate yourself");
		}
		AdminRepository.Admin before = get(id);
		String trimmedName = (name != null) ? name.trim() : null;
		if (!this.repository.update(id, trimmedName, role, active,
				(password != null) ? this.passwordEncoder.encode(password) : null)) {
			throw new NotFoundException("admin not found");
		}
		if (before.active() && Boolean.FALSE.equals(active)) {
			this.sessions.revokeAllOf(id, Reason.ACCOUNT_DISABLED, null);
			this.events.publishEvent(new AdminAccountChanged(id, before.email(), Change.DEACTIVATED, actorId));
		}
		else if (password != null) {
			this.sessions.revokeAllOf(id, Reason.PASSWORD_CHANGED, null);
		}
		else if (role != null && role != before.role()) {
			// Scopes live in the access token: end sessions so the new role applies at
			// the next login.
			this.sessions.revokeAllOf(id, Reason.REVOKED, null);
		}
		this.audit.record("admin.update", "admin", id, changes(before, trimmedName, role, active, password != null));
		return get(id);
	}

	/** Soft-deletes an account and ends its sessions; false when it did not exist. */
	boolean delete(long actorId, long id, String details) {
		if (actorId == id) {
			throw new InvalidRequestException("you cannot delete yourself");
		}
		AdminRepository.Admin admin = this.repository.findById(id).orElse(null);
		if (admin == null || !this.repository.softDelete(id)) {
			return false;
		}
		this.sessions.revokeAllOf(id, Reason.ACCOUNT_DISABLED, null);
		this.audit.record("admin.delete", "admin", id, details);
		this.events.publishEvent(new AdminAccountChanged(id, admin.email(), Change.DELETED, actorId));
		return true;
	}

	private static String changes(AdminRepository.Admin before, @Nullable String name, @Nullable Role role,
			@Nullable Boolean active, boolean password) {
		StringBuilder changes = new StringBuilder();
		if (name != null && !before.name().equals(name)) {
			changes.append("name ");
		}
		if (role != null && before.role() != role) {
			changes.append("role:").append(before.role().id()).append("->").append(role.id()).append(' ');
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
