package dev.vigil.auth;

import java.util.List;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

import dev.vigil.CannotStartException;

/**
 * Checks at start that the sign-in settings make sense together, so that a mistake stops
 * Vigil with one line rather than locking everyone out at the first sign-in.
 */
@Component
class SignInSettings {

	SignInSettings(AuthProperties auth, SsoProperties sso, ForwardAuthProperties forward, GroupRoles groupRoles,
			Roles roles) {
		if (!auth.passwordLogin() && !sso.enabled() && !forward.enabled()) {
			throw new Invalid("VIGIL_AUTH_PASSWORD_LOGIN=false needs single sign-on (VIGIL_SSO_ISSUER) or "
					+ "forward-auth (vigil.auth.forward.enabled): nobody could sign in");
		}
		if (sso.enabled() && (sso.clientId() == null || sso.clientId().isBlank())) {
			throw new Invalid("single sign-on needs a client id: set VIGIL_SSO_CLIENT_ID");
		}
		for (String role : groupRoles.roleNames()) {
			if (!roles.exists(role)) {
				throw new Invalid("vigil.sso role mapping names an unknown role '" + role
						+ "': use one of the roles defined in Vigil");
			}
		}
		if (forward.enabled()) {
			if (forward.trustedProxies().isEmpty()) {
				throw new Invalid("forward-auth needs the proxies it trusts: set vigil.auth.forward.trusted-proxies");
			}
			List<String> proxies = forward.trustedProxies();
			for (String proxy : proxies) {
				try {
					new IpAddressMatcher(proxy.trim());
				}
				catch (IllegalArgumentException ex) {
					throw new Invalid(
							"vigil.auth.forward.trusted-proxies: '" + proxy + "' is not an IP address or CIDR range");
				}
			}
		}
	}

	static final class Invalid extends CannotStartException {

		Invalid(String message) {
			super(message);
		}

	}

}
