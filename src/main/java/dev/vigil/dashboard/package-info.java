/**
 * The dashboard: a snapshot of the server and its activity, served once and then as a
 * live stream.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "audit", "auth", "cluster", "jobs", "storage", "stream" })
package dev.vigil.dashboard;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
