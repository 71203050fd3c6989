package dev.vigil.auth;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * What auth needs to know about admin accounts; implemented by the admins module so that
 * auth does not depend on it.
 */
public interface AdminAccounts {

	/** A live (not deleted) account by email, active or not. */
	Optional<Account> findByEmail(String email);

	/** A live (not deleted) account by id, active or not. */
	Optional<Account> findById(long id);

	/**
	 * The email and name of each of these admins, deleted ones included; ids without an
	 * account are left out. One query, whatever the number of ids.
	 */
	Map<Long, Name> names(Collection<Long> ids);

	/** How many live (not deleted) admins have each role, deactivated ones included. */
	Map<String, Long> countByRole();

	/**
	 * Creates an active admin who signs in through an identity provider (single sign-on
	 * or forward-auth): no usable password (a hash of a random secret nobody keeps), and
	 * audited as created by that sign-in.
	 * @param role a role name ({@link Roles#exists})
	 * @param via how the account came to be, for the audit row ({@code sso},
	 * {@code forward})
	 */
	Account createExternal(String email, String name, String role, String via);

	/**
	 * Sets an admin's role as an identity provider's groups map it (audited, no sessions
	 * revoked: the caller is a refresh that issues the new scopes at once); false when
	 * the account does not exist.
	 */
	boolean changeRole(long id, String role, String via);

	/**
	 * @param role the role's name (see {@link Roles})
	 * @param passwordHash the {@code DelegatingPasswordEncoder} hash
	 */
	record Account(long id, String email, String name, String role, String passwordHash, boolean active) {
	}

	record Name(String email, String name) {
	}

}
