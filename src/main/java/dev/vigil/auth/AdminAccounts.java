package dev.vigil.auth;

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
	 * @param passwordHash the {@code DelegatingPasswordEncoder} hash
	 */
	record Account(long id, String email, String name, Role role, String passwordHash, boolean active) {
	}

}
