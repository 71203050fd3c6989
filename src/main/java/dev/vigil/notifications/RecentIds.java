package dev.vigil.notifications;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * The notification ids this instance published to its subscribers lately, each with when:
 * a recovery after a bus loss publishes only the missed ones it does not find here, so no
 * subscriber gets one twice. Bounded by age and by count; what falls out raises the
 * {@link #highestBefore floor}, and a recovery reaching back past it cannot tell what was
 * delivered ({@link #covers}).
 */
final class RecentIds {

	private final long retentionMillis;

	private final int maxEntries;

	/** Ids in the order this instance claimed them (local time order). */
	private final ArrayDeque<long[]> byTime = new ArrayDeque<>();

	private final Set<Long> ids = new HashSet<>();

	/** The highest id dropped from the window (or known at start). */
	private long floor;

	/** When the newest dropped entry was claimed. */
	private long droppedUpTo = Long.MIN_VALUE;

	RecentIds(long floor, long retentionMillis, int maxEntries) {
		this.floor = floor;
		this.retentionMillis = retentionMillis;
		this.maxEntries = maxEntries;
	}

	/**
	 * Records that {@code id} is being published now; false when it already was, and then
	 * it must not be published again.
	 */
	synchronized boolean claim(long id, long now) {
		prune(now);
		if (!this.ids.add(id)) {
			return false;
		}
		this.byTime.addLast(new long[] { now, id });
		return true;
	}

	/**
	 * The highest id claimed at or before {@code moment}, or the floor: everything a
	 * recovery from {@code moment} must look at is above it.
	 */
	synchronized long highestBefore(long moment) {
		long highest = this.floor;
		for (long[] entry : this.byTime) {
			if (entry[0] > moment) {
				break;
			}
			highest = Math.max(highest, entry[1]);
		}
		return highest;
	}

	/**
	 * Whether every id claimed after {@code moment} is still known, so that what a
	 * recovery from it finds can be told apart from what was delivered.
	 */
	synchronized boolean covers(long moment) {
		return this.droppedUpTo <= moment;
	}

	synchronized int size() {
		return this.ids.size();
	}

	private void prune(long now) {
		while (!this.byTime.isEmpty()
				&& (this.byTime.size() >= this.maxEntries || this.byTime.peekFirst()[0] < now - this.retentionMillis)) {
			long[] dropped = this.byTime.pollFirst();
			this.ids.remove(dropped[1]);
			this.floor = Math.max(this.floor, dropped[1]);
			this.droppedUpTo = Math.max(this.droppedUpTo, dropped[0]);
		}
	}

}
