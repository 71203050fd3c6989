/**
 * Email delivery of notifications: each admin's choice of which notification types reach
 * them by email, the SMTP sender, and durable delivery jobs with their record.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "admins", "audit", "auth", "notifications" })
package dev.vigil.email;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
