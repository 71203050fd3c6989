package dev.vigil.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Single sign-on with an OpenID Connect provider; off while {@code issuer} is empty. The
 * group-to-role mapping also serves forward-auth.
 *
 * @param issuer the provider's issuer URL (its discovery document is read from
 * {@code <issuer>/.well-known/openid-configuration} at the first sign-in)
 * @param clientId the client registered at the provider
 * @param clientSecret its secret; empty for a public client (PKCE is used either way)
 * @param name what the login page's button says after "Sign in with"
 * @param scopes requested scopes; {@code openid} is always added
 * @param groupsClaim the id_token or userinfo claim holding the user's groups (a list or
 * one comma-separated string)
 * @param roleMapping group → Vigil role name: a YAML map, or {@code group=role} pairs
 * separated by commas as the environment variable {@code VIGIL_SSO_ROLE_MAPPING} sets it
 * ({@link RoleMappingConverter})
 * @param defaultRole the role of a user none of whose groups is mapped; empty = such a
 * user is refused
 * @param allowedDomains the email domains that may sign in; empty = any
 */
@ConfigurationProperties("vigil.sso")
record SsoProperties(@Nullable String issuer, @Nullable String clientId, @Nullable String clientSecret,
		@DefaultValue("single sign-on") String name, @DefaultValue( {
				"openid", "profile", "email" }) List<String> scopes,
		@DefaultValue("groups") String groupsClaim, @Nullable Map<String, String> roleMapping,
		@Nullable String defaultRole, @DefaultValue List<String> allowedDomains){

	boolean enabled() {
		return this.issuer != null && !this.issuer.isBlank();
	}

	/** The mapping, trimmed, in its configured order. */
	Map<String, String> mapping() {
		Map<String, String> mapping = new LinkedHashMap<>();
		if (this.roleMapping != null) {
			this.roleMapping.forEach((group, role) -> mapping.put(group.trim(), role.trim()));
		}
		return mapping;
	}

	@Nullable String defaultRoleOrNull() {
		return (this.defaultRole != null && !this.defaultRole.isBlank()) ? this.defaultRole.trim() : null;
	}

}
