/**
 * Notifications to admins: sending, reading and deleting them, the live stream of each
 * admin's notifications, and the ones Vigil raises by itself.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "admins", "audit", "auth", "cluster", "storage", "stream" })
package dev.vigil.notifications;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
