package dev.vigil.auth;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Forward-auth: a reverse proxy that has signed the user in (Authelia, Authentik,
 * oauth2-proxy) says who it is in request headers. Off by default; the headers count only
 * on requests whose direct peer is one of the trusted proxies. Groups map to roles with
 * {@code vigil.sso.role-mapping} and {@code vigil.sso.default-role}.
 *
 * @param enabled whether the headers are read at all
 * @param trustedProxies addresses or CIDR ranges of the proxies whose headers count (the
 * TCP peer, never {@code X-Forwarded-For})
 * @param userHeader the user's login name (the identity linked to the admin)
 * @param emailHeader the user's email address (the admin's email)
 * @param nameHeader the user's display name
 * @param groupsHeader the user's groups, comma-separated
 */
@ConfigurationProperties("vigil.auth.forward")
record ForwardAuthProperties(@DefaultValue("false") boolean enabled, @DefaultValue List<String> trustedProxies,
		@DefaultValue("Remote-User") String userHeader, @DefaultValue("Remote-Email") String emailHeader,
		@DefaultValue("Remote-Name") String nameHeader, @DefaultValue("Remote-Groups") String groupsHeader) {
}
