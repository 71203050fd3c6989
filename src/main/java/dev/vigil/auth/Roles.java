package dev.vigil.auth;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * The roles admins can have, by name: the auth module's API for other features and
 * sign-in methods (single sign-on maps groups to these names).
 */
@Component
public class Roles {

	/** Whether a role of this name exists. */
	public boolean exists(String name) {
		return Role.from(name).isPresent();
	}

	/** The scopes of a role; empty when there is no such role. */
	public List<String> scopesOf(String name) {
		return Role.from(name).map(Role::scopes).orElse(List.of());
	}

}
