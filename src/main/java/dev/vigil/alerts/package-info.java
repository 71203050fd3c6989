/**
 * Alerts on the live logs: rules counting matching entries of a source per window,
 * evaluated on the shared tail, that notify admins when they fire and when they recover.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "admins", "audit", "auth", "cluster", "logs", "notifications" })
package dev.vigil.alerts;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
