package dev.vigil.cluster;

/**
 * Counts that hold for the whole cluster, such as an admin's open streams. Each instance
 * adds and removes its own share; a share lives as long as its instance, so the counts of
 * an instance that died disappear with it. Alone, the counts are this process's.
 * <p>
 * When Redis cannot be reached the counts fail open to this instance's own share: a cap
 * then holds per instance rather than across the cluster, and admins are not shut out.
 */
public interface SharedCounts {

	/**
	 * Adds one to {@code key}'s count unless the cluster-wide count is already
	 * {@code max}; whether it was added.
	 */
	boolean tryAdd(String key, int max);

	/** Takes back one that this instance added to {@code key}. */
	void remove(String key);

	/** {@code key}'s count across the cluster. */
	int total(String key);

	/** Counts in this process's memory: what an instance alone uses. */
	static SharedCounts inMemory() {
		return new LocalCounts();
	}

}
