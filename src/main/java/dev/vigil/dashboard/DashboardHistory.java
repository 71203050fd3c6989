package dev.vigil.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Dashboard history in SQLite, at the resolutions of {@link HistoryTier}. Every tick
 * stores its snapshot; when a minute (a quarter hour) is over, its bucket is made from
 * the finer tier's stored points ({@link Downsampling}) and each tier is cut to its
 * retention. Rolling up from what is stored, not from memory, means a restart loses no
 * bucket: the first tick after it rolls up whatever the previous run left.
 */
@Component
class DashboardHistory {

	/** Far enough ahead to read everything stored. */
	private static final Instant END = Instant.ofEpochMilli(Long.MAX_VALUE);

	private final DashboardHistoryRepository repository;

	/**
	 * Per coarse tier, the bucket in progress when it was last rolled up: nothing to do
	 * until the next one starts. Guarded by {@code this}.
	 */
	private final Map<HistoryTier, Instant> rolledUpTo = new EnumMap<>(HistoryTier.class);

	DashboardHistory(DashboardHistoryRepository repository) {
		this.repository = repository;
	}

	/**
	 * Stores a tick's snapshot (the cluster's figures, without the instances), then rolls
	 * up and prunes what its time completed.
	 */
	synchronized void record(DashboardSnapshot snapshot) {
		this.repository.save(HistoryTier.RAW, HistoryPoint.of(snapshot.withoutInstances()));
		rollUp(snapshot.time());
	}

	/**
	 * Makes every complete bucket of each coarse tier not stored yet, then drops what is
	 * past each tier's retention. Cheap between bucket ends: nothing is read or written.
	 */
	synchronized void rollUp(Instant now) {
		for (HistoryTier tier : HistoryTier.values()) {
			HistoryTier finer = tier.finer();
			Duration width = tier.width();
			if (finer == null || width == null) {
				continue;
			}
			Instant current = tier.bucketOf(now);
			if (current.equals(this.rolledUpTo.get(tier))) {
				continue;
			}
			Instant newest = this.repository.newest(tier);
			Instant from = (newest != null) ? newest.plus(width) : Instant.EPOCH;
			for (HistoryPoint bucket : Downsampling.buckets(tier, this.repository.between(finer, from, current))) {
				this.repository.save(tier, bucket);
			}
			// The finer tier is cut only after its points were rolled up; the coarsest
			// has nothing to feed.
			this.repository.prune(finer, now.minus(finer.retention()));
			if (tier == HistoryTier.QUARTER_HOUR) {
				this.repository.prune(tier, now.minus(tier.retention()));
			}
			this.rolledUpTo.put(tier, current);
		}
	}

	/**
	 * The range's points, oldest first, at its tier. The stretch its tier has not rolled
	 * up yet (at least the bucket in progress) is made on the fly from the finer tiers,
	 * so a chart reaches the present at every range; the last point may stand for part of
	 * a bucket.
	 */
	List<HistoryPoint> read(HistoryRange range, Instant now) {
		return points(range.tier(), range.tier().bucketOf(now.minus(range.length())));
	}

	private List<HistoryPoint> points(HistoryTier tier, Instant from) {
		List<HistoryPoint> stored = this.repository.between(tier, from, END);
		HistoryTier finer = tier.finer();
		Duration width = tier.width();
		if (finer == null || width == null) {
			return stored;
		}
		Instant next = stored.isEmpty() ? from : stored.get(stored.size() - 1).time().plus(width);
		List<HistoryPoint> points = new ArrayList<>(stored);
		points.addAll(Downsampling.buckets(tier, points(finer, next)));
		return points;
	}

}
