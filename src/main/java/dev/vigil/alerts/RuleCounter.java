package dev.vigil.alerts;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.vigil.logs.BoundedRegex;

/**
 * One rule's matching and counting: which entries count, and how many arrived per time
 * bucket over the rule's window. {@link #offer} runs on a tailer thread and only matches
 * and increments under a tiny lock; the evaluator reads {@link #count} once per tick.
 */
final class RuleCounter {

	/** Most buckets a window is split into: long windows get coarser buckets. */
	static final int MAX_BUCKETS = 600;

	private final Set<String> levels;

	private final @Nullable BoundedRegex pattern;

	private final @Nullable BoundedRegex exclude;

	private final long bucketMillis;

	private final long windowBuckets;

	private final long[] counts;

	private final long[] stamps;

	/** Every entry counted since this counter was made. */
	private long total;

	RuleCounter(Set<String> levels, @Nullable BoundedRegex pattern, @Nullable BoundedRegex exclude, long windowMillis) {
		this.levels = levels;
		this.pattern = pattern;
		this.exclude = exclude;
		long seconds = Math.max(1, windowMillis / 1000);
		this.bucketMillis = 1000 * Math.max(1, (seconds + MAX_BUCKETS - 1) / MAX_BUCKETS);
		this.windowBuckets = Math.max(1, windowMillis / this.bucketMillis);
		this.counts = new long[(int) this.windowBuckets + 1];
		this.stamps = new long[this.counts.length];
		java.util.Arrays.fill(this.stamps, Long.MIN_VALUE);
	}

	/**
	 * Counts the entry if it matches, at {@code now} (epoch millis); whether it counted.
	 */
	boolean offer(String level, String text, long now) {
		if (!matches(level, text)) {
			return false;
		}
		long bucket = Math.floorDiv(now, this.bucketMillis);
		int slot = (int) Math.floorMod(bucket, (long) this.counts.length);
		synchronized (this) {
			if (this.stamps[slot] != bucket) {
				this.stamps[slot] = bucket;
				this.counts[slot] = 0;
			}
			this.counts[slot]++;
			this.total++;
		}
		return true;
	}

	boolean matches(String level, String text) {
		if (!this.levels.isEmpty() && !this.levels.contains(level)) {
			return false;
		}
		if (this.pattern == null && this.exclude == null) {
			return true;
		}
		// A match given up on its budget is no match: not counted for the pattern, not
		// excluded for the exclude, as in the viewer.
		if (this.pattern != null && !this.pattern.find(text)) {
			return false;
		}
		return this.exclude == null || !this.exclude.find(text);
	}

	/** Entries counted in the window that ends at {@code now}. */
	synchronized long count(long now) {
		long current = Math.floorDiv(now, this.bucketMillis);
		long sum = 0;
		for (int i = 0; i < this.counts.length; i++) {
			long stamp = this.stamps[i];
			if (stamp <= current && stamp > current - this.windowBuckets) {
				sum += this.counts[i];
			}
		}
		return sum;
	}

	synchronized long total() {
		return this.total;
	}

}
