/**
 * The data directory and its SQLite database: configuration, serialized writes, backups.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "audit" })
package dev.vigil.storage;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
