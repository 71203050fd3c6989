package dev.vigil.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The counts of an instance alone: in memory. */
final class LocalCounts implements SharedCounts {

	private final Map<String, Integer> counts = new ConcurrentHashMap<>();

	/**
	 * Counted inside the map's atomic compute: updating what computeIfAbsent returned
	 * could race a removal that just dropped that entry (at zero) and be lost with it.
	 */
	@Override
	public boolean tryAdd(String key, int max) {
		boolean[] added = new boolean[1];
		this.counts.compute(key, (k, count) -> {
			int current = (count != null) ? count : 0;
			if (current >= max) {
				return count;
			}
			added[0] = true;
			return current + 1;
		});
		return added[0];
	}

	@Override
	public void remove(String key) {
		this.counts.computeIfPresent(key, (k, count) -> (count > 1) ? count - 1 : null);
	}

	@Override
	public int total(String key) {
		return this.counts.getOrDefault(key, 0);
	}

}
