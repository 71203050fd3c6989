/**
 * Several Vigil instances as one: the bus between them (Redis pub/sub when
 * {@code VIGIL_REDIS_URL} is set, nothing otherwise) and the registry of live instances.
 * Depends on no other module, so every feature can use it.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {})
package dev.vigil.cluster;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
