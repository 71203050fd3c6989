package dev.vigil.auth;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import dev.vigil.audit.AuditLog;

import dev.vigil.auth.AdminAccounts.Account;

/**
 * Turns an identity an identity provider vouches for (single sign-on, forward-auth) into
 * a Vigil admin: the email domain must be allowed and a group mapped to a role; the first
 * sign-in creates the admin, later ones set the role the groups map to now. The identity
 * (issuer and subject) stays linked to the admin, so a changed email at the provider
 * still finds the same admin.
 */
@Service
class ExternalSignIn {

	private static final Logger log = LoggerFactory.getLogger(ExternalSignIn.class);

	/** Why a sign-in was refused: the login page's {@code ?error=} code. */
	enum Failure {

		/** The provider gave no email address. */
		NO_EMAIL("sso_no_email"),
		/** The email's domain is not one of {@code vigil.sso.allowed-domains}. */
		DOMAIN("sso_domain"),
		/**
		 * None of the user's groups is mapped to a role, and there is no default role.
		 */
		NO_ROLE("sso_no_role"),
		/** The admin exists and is deactivated in Vigil. */
		INACTIVE("sso_inactive"),
		/**
		 * An admin with this email exists and is not linked to this identity yet, and the
		 * provider does not vouch for the email ({@code email_verified}).
		 */
		UNVERIFIED("sso_unverified");

		final String code;

		Failure(String code) {
			this.code = code;
		}

		String reason() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** An admin who may sign in, or why not. */
	record Outcome(@Nullable Account account, @Nullable Failure failure) {

		static Outcome refused(Failure failure) {
			return new Outcome(null, failure);
		}

	}

	private final AdminAccounts accounts;

	private final SsoRepository repository;

	private final GroupRoles groupRoles;

	private final List<String> allowedDomains;

	private final AuditLog audit;

	ExternalSignIn(AdminAccounts accounts, SsoRepository repository, GroupRoles groupRoles, SsoProperties properties,
			AuditLog audit) {
		this.accounts = accounts;
		this.repository = repository;
		this.groupRoles = groupRoles;
		this.allowedDomains = properties.allowedDomains()
			.stream()
			.map((domain) -> domain.trim().toLowerCase(Locale.ROOT))
			.filter((domain) -> !domain.isEmpty())
			.toList();
		this.audit = audit;
	}

	/**
	 * The admin for this identity, created or updated as its groups say.
	 * @param emailVerified whether the provider vouches for the email: only then is an
	 * existing admin with that email linked to the identity (a provider that lets users
	 * type any email must not hand them another admin's account)
	 * @param method {@code sso} or {@code forward}, for the audit rows
	 */
	Outcome resolve(String issuer, String subject, @Nullable String email, boolean emailVerified, @Nullable String name,
			List<String> groups, String method) {
		Optional<Account> linked = this.repository.adminOf(issuer, subject).flatMap(this.accounts::findById);
		Long knownId = linked.map(Account::id).orElse(null);
		if (email == null || email.isBlank()) {
			return refuse(Failure.NO_EMAIL, knownId, method);
		}
		String normalized = email.trim();
		if (!domainAllowed(normalized)) {
			return refuse(Failure.DOMAIN, knownId, method);
		}
		Optional<Account> existing = linked.or(() -> this.accounts.findByEmail(normalized));
		knownId = existing.map(Account::id).orElse(null);
		if (linked.isEmpty() && existing.isPresent() && !emailVerified) {
			return refuse(Failure.UNVERIFIED, knownId, method);
		}
		Optional<String> role = this.groupRoles.roleFor(groups);
		if (role.isEmpty()) {
			return refuse(Failure.NO_ROLE, knownId, method);
		}
		Account account;
		if (existing.isEmpty()) {
			account = this.accounts.createExternal(normalized, (name != null) ? name.trim() : "", role.get(), method);
			log.atInfo()
				.setMessage("admin created by sign-in")
				.addKeyValue("admin_id", account.id())
				.addKeyValue("method", method)
				.log();
		}
		else {
			account = existing.get();
			if (!account.active()) {
				return refuse(Failure.INACTIVE, account.id(), method);
			}
			if (!role.get().equals(account.role())) {
				this.accounts.changeRole(account.id(), role.get(), method);
				account = this.accounts.findById(account.id()).orElseThrow();
			}
		}
		this.repository.link(issuer, subject, account.id());
		return new Outcome(account, null);
	}

	/** The role the groups map to now, when the email is still allowed. */
	Optional<String> currentRole(@Nullable String email, List<String> groups) {
		if (email != null && !domainAllowed(email.trim())) {
			return Optional.empty();
		}
		return this.groupRoles.roleFor(groups);
	}

	/**
	 * Applies the role the groups map to now to an admin whose session is being
	 * refreshed.
	 */
	void applyRole(Account account, String role, String method) {
		if (!role.equals(account.role())) {
			this.accounts.changeRole(account.id(), role, method);
		}
	}

	private boolean domainAllowed(String email) {
		if (this.allowedDomains.isEmpty()) {
			return true;
		}
		int at = email.lastIndexOf('@');
		return at > 0 && this.allowedDomains.contains(email.substring(at + 1).toLowerCase(Locale.ROOT));
	}

	private Outcome refuse(Failure failure, @Nullable Long adminId, String method) {
		log.atWarn()
			.setMessage("sign-in refused")
			.addKeyValue("method", method)
			.addKeyValue("reason", failure.reason())
			.addKeyValue("admin_id", adminId)
			.log();
		this.audit.recordAs(adminId, "auth.login_failed", "session", null,
				"method=" + method + " reason=" + failure.reason());
		return Outcome.refused(failure);
	}

}
