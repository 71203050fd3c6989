package dev.vigil.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Which role an identity provider's groups give (single sign-on and forward-auth alike).
 * A user in several mapped groups gets the most privileged of their roles: the one with
 * the most scopes, and among equals the one mapped first.
 */
@Component
class GroupRoles {

	private final Map<String, String> mapping;

	private final @Nullable String defaultRole;

	private final Roles roles;

	GroupRoles(SsoProperties properties, Roles roles) {
		this.mapping = properties.mapping();
		this.defaultRole = properties.defaultRoleOrNull();
		this.roles = roles;
	}

	/** The role for these groups; empty when none is mapped and there is no default. */
	Optional<String> roleFor(Collection<String> groups) {
		List<String> mapped = new ArrayList<>();
		this.mapping.forEach((group, role) -> {
			if (groups.contains(group)) {
				mapped.add(role);
			}
		});
		// Stable sort: among roles of as many scopes, the first mapped stays first.
		return mapped.stream()
			.sorted(Comparator.comparingInt((String role) -> this.roles.scopesOf(role).size()).reversed())
			.findFirst()
			.or(() -> Optional.ofNullable(this.defaultRole));
	}

	/** Every role name the settings mention, for the check at start. */
	List<String> roleNames() {
		List<String> names = new ArrayList<>(this.mapping.values());
		if (this.defaultRole != null) {
			names.add(this.defaultRole);
		}
		return names;
	}

	/** Splits a groups value: a list, or one string of comma-separated groups. */
	static List<String> groups(@Nullable Object claim) {
		List<String> groups = new ArrayList<>();
		if (claim instanceof Collection<?> values) {
			values.forEach((value) -> groups.add(String.valueOf(value).trim()));
		}
		else if (claim != null) {
			for (String group : claim.toString().split(",")) {
				if (!group.isBlank()) {
					groups.add(group.trim());
				}
			}
		}
		return groups;
	}

}
