/**
 * Vigil's own log files: paged history, downloads, and the live tail as a stream; logger
 * levels at runtime.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "audit", "auth", "cluster", "storage", "stream" })
package dev.vigil.logs;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
