/**
 * Background jobs (JobRunr): the queue and recurring maintenance tasks with their admin
 * API, and audit exports.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "audit", "auth", "notifications", "storage" })
package dev.vigil.jobs;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
