/**
 * The stream core: live connections over WebSocket or SSE, the hub that publishes events
 * to them, and the channels features plug in.
 */
@NullMarked
@ApplicationModule(allowedDependencies = { "auth", "cluster", "storage" })
package dev.vigil.stream;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
