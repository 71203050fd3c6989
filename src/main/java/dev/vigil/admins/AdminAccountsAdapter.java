package dev.vigil.admins;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import java.security.SecureRandom;
import java.util.HexFormat;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import dev.vigil.audit.AuditLog;
import dev.vigil.auth.AdminAccounts;
import dev.vigil.auth.AdminRoleChanged;
import dev.vigil.auth.Roles;

/** Lets auth read accounts without depending on this module. */
@Component
class AdminAccountsAdapter implements AdminAccounts {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final AdminRepository repository;

	private final PasswordEncoder passwordEncoder;

	private final AuditLog audit;

	private final LastSuperadmin lastSuperadmin;

	private final ApplicationEventPublisher events;

	AdminAccountsAdapter(AdminRepository repository, PasswordEncoder passwordEncoder, AuditLog audit,
			LastSuperadmin lastSuperadmin, ApplicationEventPublisher events) {
		this.lastSuperadmin = lastSuperadmin;
		this.events = events;
		this.repository = repository;
		this.passwordEncoder = passwordEncoder;
		this.audit = audit;
	}

	@Override
	public Optional<Account> findByEmail(String email) {
		return this.repository.findByEmail(email).map(AdminAccountsAdapter::account);
	}

	@Override
	public Optional<Account> findById(long id) {
		return this.repository.findById(id).map(AdminAccountsAdapter::account);
	}

	@Override
	public Map<Long, Name> names(Collection<Long> ids) {
		return this.repository.names(ids)
			.stream()
			.collect(Collectors.toMap(AdminRepository.Name::id, (admin) -> new Name(admin.email(), admin.name())));
	}

	@Override
	public Account createExternal(String email, String name, String role, String via) {
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		// A hash of a secret nobody keeps: password sign-in can never match it, and the
		// column keeps its meaning (a superadmin may still set a password later).
		long id = this.repository.insert(email, this.passwordEncoder.encode(HexFormat.of().formatHex(secret)), name,
				role);
		this.audit.recordAs(id, "admin.create", "admin", id, email + " (" + role + ") by " + via);
		return this.repository.findById(id).map(AdminAccountsAdapter::account).orElseThrow();
	}

	@Override
	public boolean changeRole(long id, String role, String via) {
		AdminRepository.Admin before;
		synchronized (this.lastSuperadmin) {
			before = this.repository.findById(id).orElse(null);
			if (before == null) {
				return false;
			}
			// A mapping never demotes the last active superadmin: nobody could reach the
			// Admins, Roles or Security pages any more.
			if (!role.equals(Roles.SUPERADMIN) && this.lastSuperadmin.is(before)) {
				this.audit.recordAs(id, "admin.update_refused", "admin", id, "role:" + before.role() + "->" + role
						+ " by " + via + " group mapping: the last active superadmin keeps the role");
				return false;
			}
			if (!this.repository.update(id, null, role, null, null)) {
				return false;
			}
		}
		this.audit.recordAs(id, "admin.update", "admin", id,
				"role:" + before.role() + "->" + role + " by " + via + " group mapping");
		this.events.publishEvent(new AdminRoleChanged(id, role));
		return true;
	}

	@Override
	public Map<String, Long> countByRole() {
		return this.repository.countByRole();
	}

	private static Account account(AdminRepository.Admin admin) {
		return new Account(admin.id(), admin.email(), admin.name(), admin.role(), admin.passwordHash(), admin.active());
	}

}
