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
	 * @param role the role's name (see {@link Roles})
	 * @param passwordHash the {@code DelegatingPasswordEncoder} hash
	 */
	record Account(long id, String email, String name, String role, String passwordHash, boolean active) {
	}

	record Name(String email, String name) {
	}

}
