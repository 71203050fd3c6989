package dev.vigil.cluster;

import java.util.Map;

/**
 * A live instance as the registry knows it.
 *
 * @param id unique per process start
 * @param name as shown to admins
 * @param startedAt epoch millis
 * @param seenAt epoch millis of its last heartbeat
 * @param details what the instance publishes about itself with each heartbeat (see
 * {@link Instances#describe})
 */
public record Instance(String id, String name, long startedAt, long seenAt, Map<String, Object> details) {
}
