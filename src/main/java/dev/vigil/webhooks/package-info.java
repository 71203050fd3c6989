/**
 * Webhooks: endpoints that receive notifications as signed HTTP POSTs, delivered as
 * durable jobs with retries, each delivery logged.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "audit", "auth", "notifications" })
package dev.vigil.webhooks;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
