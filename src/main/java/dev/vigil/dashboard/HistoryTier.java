package dev.vigil.dashboard;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The resolutions dashboard history is kept at: every tick for an hour, then one point a
 * minute for a day, then one per 15 minutes for 30 days. Fixed rather than configurable:
 * the range selector's ranges are made for them, and the table stays small (about 5,000
 * rows at the default 5 s tick).
 */
enum HistoryTier {

	/** One point per tick, as computed. */
	RAW(0, null, Duration.ofHours(1)),

	MINUTE(1, Duration.ofMinutes(1), Duration.ofHours(24)),

	QUARTER_HOUR(2, Duration.ofMinutes(15), Duration.ofDays(30));

	private final int id;

	private final @Nullable Duration width;

	private final Duration retention;

	HistoryTier(int id, @Nullable Duration width, Duration retention) {
		this.id = id;
		this.width = width;
		this.retention = retention;
	}

	int id() {
		return this.id;
	}

	/** Bucket width; null for the raw tier (its points are the ticks). */
	@Nullable Duration width() {
		return this.width;
	}

	Duration retention() {
		return this.retention;
	}

	/** The tier this one is made from; null for the raw tier. */
	@Nullable HistoryTier finer() {
		return (this.id == 0) ? null : values()[this.id - 1];
	}

	/**
	 * Start of the bucket {@code time} falls in (epoch-aligned, so UTC minutes and
	 * quarters).
	 */
	Instant bucketOf(Instant time) {
		if (this.width == null) {
			return time;
		}
		long width = this.width.toMillis();
		return Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), width) * width);
	}

}
