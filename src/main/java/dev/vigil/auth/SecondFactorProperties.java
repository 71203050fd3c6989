package dev.vigil.auth;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The second factor of password sign-in (TOTP).
 *
 * @param issuer the name authenticator apps show beside the code
 * @param maxFailures wrong codes one admin may enter within five minutes; the one that
 * reaches it voids the pending sign-in
 * @param reset emails (comma-separated) whose second factor is removed when the server
 * starts: the way back for the last superadmin who lost both device and recovery codes
 */
@ConfigurationProperties("vigil.auth.second-factor")
record SecondFactorProperties(@DefaultValue("Vigil") String issuer, @DefaultValue("5") int maxFailures,
		@Nullable String reset) {
}
