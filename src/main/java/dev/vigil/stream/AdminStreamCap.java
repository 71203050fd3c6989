package dev.vigil.stream;

import org.springframework.stereotype.Component;

import dev.vigil.cluster.SharedCounts;

/**
 * The per-admin open-stream cap ({@code vigil.stream.max-per-admin}), counted across the
 * cluster: an admin's streams on every instance count together. Alone, the count is this
 * process's.
 */
@Component
class AdminStreamCap {

	private final SharedCounts counts;

	private final StreamProperties properties;

	AdminStreamCap(SharedCounts counts, StreamProperties properties) {
		this.counts = counts;
		this.properties = properties;
	}

	/** Counts one more stream of the admin; false (nothing counted) at the cap. */
	boolean take(long adminId) {
		return this.counts.tryAdd(key(adminId), this.properties.maxPerAdmin());
	}

	void release(long adminId) {
		this.counts.remove(key(adminId));
	}

	boolean full(long adminId) {
		return this.counts.total(key(adminId)) >= this.properties.maxPerAdmin();
	}

	private static String key(long adminId) {
		return "streams:admin:" + adminId;
	}

}
