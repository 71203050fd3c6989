/**
 * Signing in and staying signed in: sessions with rotating refresh tokens, the JWT access
 * cookie, the one security chain with its roles and scopes, and the devices each admin
 * signed in from.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "audit", "cluster", "storage" })
package dev.vigil.auth;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
