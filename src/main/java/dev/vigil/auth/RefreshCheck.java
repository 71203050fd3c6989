package dev.vigil.auth;

import java.util.Optional;

import dev.vigil.auth.AdminAccounts.Account;

/**
 * Asked on every refresh whether a session may go on, so a sign-in method can withdraw
 * access between sign-ins (single sign-on: the admin left the mapped group). A refusal
 * revokes the session, which closes its streams.
 */
interface RefreshCheck {

	/** Why this session must end now, or empty to let the refresh go on. */
	Optional<String> refuse(SessionRepository.Session session, Account account);

}
