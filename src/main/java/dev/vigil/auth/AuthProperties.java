package dev.vigil.auth;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param signingKey HS256 key, hex, at least 64 characters; when empty one is generated
 * once and kept in the data directory
 * @param secureCookies mark cookies {@code Secure}; switch off only for plain-HTTP local
 * use
 * @param accessTokenTtl lifetime of the access JWT (and its cookie)
 * @param refreshTokenTtl lifetime of a session and its refresh token
 * @param refreshGrace how long the refresh token a rotation replaced is still accepted,
 * answered with the token that replaced it (two tabs refreshing at once, a response lost
 * after the rotation); presented later, it is reuse and revokes the session. Zero turns
 * the grace off
 * @param loginRateLimit requests per minute and client address on
 * {@code /api/admin/auth/**}, except the session check ({@code GET})
 * @param passwordLogin whether admins may sign in with a password; off when single
 * sign-on is the only way in
 */
@ConfigurationProperties("vigil.auth")
record AuthProperties(@Nullable String signingKey, @DefaultValue("true") boolean secureCookies,
		@DefaultValue("5m") Duration accessTokenTtl, @DefaultValue("24h") Duration refreshTokenTtl,
		@DefaultValue("10s") Duration refreshGrace, @DefaultValue("20") int loginRateLimit,
		@DefaultValue("true") boolean passwordLogin) {
}
