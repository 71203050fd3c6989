package dev.vigil.cluster;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts in memory: those of an instance alone, and an instance's own share of the
 * cluster's counts.
 */
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

	/** Adds one to {@code key}'s count whatever it is (counted elsewhere). */
	void add(String key) {
		this.counts.merge(key, 1, Integer::sum);
	}

	@Override
	public void remove(String key) {
		this.counts.computeIfPresent(key, (k, count) -> (count > 1) ? count - 1 : null);
	}

	@Override
	public int total(String key) {
		return this.counts.getOrDefault(key, 0);
	}

	/** Every count above zero, as it is now. */
	Map<String, Integer> snapshot() {
		return Map.copyOf(this.counts);
	}

}
