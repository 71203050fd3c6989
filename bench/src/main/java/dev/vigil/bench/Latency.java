package dev.vigil.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A latency distribution in microseconds (HdrHistogram, 3 significant digits, up to 10 minutes),
 * safe to record into from the client threads.
 */
final class Latency {

	private static final long MAX_MICROS = 600_000_000L;

	private final Histogram histogram = new ConcurrentHistogram(MAX_MICROS, 3);

	void recordNanos(long nanos) {
		this.histogram.recordValue(Math.max(0, Math.min(MAX_MICROS, nanos / 1000)));
	}

	long count() {
		return this.histogram.getTotalCount();
	}

	double ms(double percentile) {
		return (count() == 0) ? Double.NaN : this.histogram.getValueAtPercentile(percentile) / 1000.0;
	}

	double maxMs() {
		return (count() == 0) ? Double.NaN : this.histogram.getMaxValue() / 1000.0;
	}

	Map<String, Object> summary() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("count", count());
		if (count() > 0) {
			map.put("mean_ms", round(this.histogram.getMean() / 1000.0));
			map.put("p50_ms", round(ms(50)));
			map.put("p90_ms", round(ms(90)));
			map.put("p99_ms", round(ms(99)));
			map.put("p999_ms", round(ms(99.9)));
			map.put("max_ms", round(maxMs()));
		}
		return map;
	}

	/** {@code p50 / p99 / max} for the table. */
	String brief() {
		if (count() == 0) {
			return "no samples";
		}
		return String.format("p50 %s  p99 %s  max %s ms  (n=%,d)", fmt(ms(50)), fmt(ms(99)), fmt(maxMs()), count());
	}

	static String fmt(double ms) {
		return (ms >= 100) ? String.format("%.0f", ms) : (ms >= 10) ? String.format("%.1f", ms) : String.format("%.2f", ms);
	}

	static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

	/**
	 * The marker {@code <token>:<seq>:<sentNanos>} the tool writes into titles and log messages, found
	 * in an event's data without parsing the JSON. Returns false when absent.
	 */
	static boolean marker(String data, String token, long[] out) {
		int at = data.indexOf(token);
		if (at < 0 || at + token.length() >= data.length() || data.charAt(at + token.length()) != ':') {
			return false;
		}
		int[] pos = { at + token.length() + 1 };
		out[0] = number(data, pos);
		if (pos[0] >= data.length() || data.charAt(pos[0]) != ':') {
			return false;
		}
		pos[0]++;
		out[1] = number(data, pos);
		return true;
	}

	static String marker(String token, long seq, long nanos) {
		return token + ":" + seq + ":" + nanos;
	}

	private static long number(String s, int[] pos) {
		int i = pos[0];
		boolean negative = i < s.length() && s.charAt(i) == '-';
		if (negative) {
			i++;
		}
		long n = 0;
		while (i < s.length() && Character.isDigit(s.charAt(i))) {
			n = n * 10 + (s.charAt(i++) - '0');
		}
		pos[0] = i;
		return negative ? -n : n;
	}

}
