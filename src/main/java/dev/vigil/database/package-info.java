/**
 * Database health: the SQLite file's figures and tables, and integrity checks,
 * {@code optimize} and {@code VACUUM} run as background jobs with their results kept.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "admins", "audit", "storage" })
package dev.vigil.database;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
