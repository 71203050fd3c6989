package dev.vigil.auth;

import java.util.Optional;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

import dev.vigil.auth.AdminAccounts.Account;

/**
 * With single sign-on turned off (say, after the provider was compromised), sessions it
 * signed in end at their next refresh instead of running on, unchecked, until they
 * expire.
 */
@Component
@ConditionalOnExpression("'${vigil.sso.issuer:}'.isBlank()")
class SsoOffRefreshCheck implements RefreshCheck {

	@Override
	public Optional<String> refuse(SessionRepository.Session session, Account account) {
		return "sso".equals(session.method()) ? Optional.of("single sign-on is turned off: sign in again")
				: Optional.empty();
	}

}
