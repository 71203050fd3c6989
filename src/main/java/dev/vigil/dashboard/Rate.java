package dev.vigil.dashboard;

import java.util.concurrent.TimeUnit;

/**
 * A counter's rate per second between readings. Too short a gap says nothing new, so the
 * last rate stands; a counter that went back (reset) starts over. Not thread-safe.
 */
final class Rate {

	private double previous = -1;

	private long previousNanos;

	private double perSecond;

	/** The rate with the counter at {@code count} at monotonic time {@code now}. */
	double update(double count, long now) {
		long elapsed = now - this.previousNanos;
		if (this.previous < 0 || count < this.previous) {
			this.previous = count;
			this.previousNanos = now;
			return 0;
		}
		if (elapsed >= TimeUnit.MILLISECONDS.toNanos(250)) {
			this.perSecond = Math.round((count - this.previous) * 1e9 / elapsed * 100) / 100.0;
			this.previous = count;
			this.previousNanos = now;
		}
		return this.perSecond;
	}

}
