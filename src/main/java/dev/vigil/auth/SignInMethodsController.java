package dev.vigil.auth;

import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * How admins may sign in, for the login page (public: it is shown before anyone has).
 */
@RestController
class SignInMethodsController {

	private final boolean password;

	private final @Nullable Sso sso;

	SignInMethodsController(AuthProperties auth, SsoProperties sso) {
		this.password = auth.passwordLogin();
		this.sso = sso.enabled() ? new Sso(sso.name(), SsoConfiguration.START) : null;
	}

	/**
	 * @param name what the button says after "Sign in with"
	 * @param url where the button goes (a plain link: the browser leaves for the
	 * provider)
	 */
	record Sso(String name, String url) {
	}

	record Methods(boolean password, @Nullable Sso sso) {
	}

	@GetMapping("/api/admin/auth/methods")
	Methods methods() {
		return new Methods(this.password, this.sso);
	}

}
