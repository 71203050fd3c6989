/**
 * Admin accounts: creating, changing and deleting them, each admin's own profile, the
 * first admin on first run, and which admins are active for other modules.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "audit", "auth" })
package dev.vigil.admins;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
