package dev.vigil.benchmarks;

import java.util.Arrays;

/** Nearest-rank percentiles of nanosecond samples, printed in milliseconds. */
final class Percentiles {

	private Percentiles() {
	}

	static String ms(long[] nanos, int percentile) {
		if (nanos.length == 0) {
			return "n/a";
		}
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		return String.format("%.2f ms", millis(sorted, percentile));
	}

	/**
	 * The percentile of already sorted, non-empty nanosecond samples, in milliseconds.
	 */
	static double millis(long[] sorted, int percentile) {
		int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
		return sorted[Math.max(0, index)] / 1e6;
	}

}
