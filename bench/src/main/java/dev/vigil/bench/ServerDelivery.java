package dev.vigil.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * The server's own share of a delivery: {@code vigil_stream_delivery_seconds} (publish → written to
 * the socket, per event and connection), read from Prometheus before and after a phase. The
 * difference of the cumulative buckets gives that phase's distribution, to bucket resolution; what the
 * client measures beyond it is the network and the client itself (here: the tool on the same cores).
 */
final class ServerDelivery {

	private static final String BUCKET = "vigil_stream_delivery_seconds_bucket";

	/** Upper bound (seconds) → cumulative count, summed over transports. */
	private final TreeMap<Double, Double> buckets;

	private ServerDelivery(TreeMap<Double, Double> buckets) {
		this.buckets = buckets;
	}

	static ServerDelivery snapshot(Server server, String stream) {
		TreeMap<Double, Double> buckets = new TreeMap<>();
		String streamLabel = "stream=\"" + stream + "\"";
		for (String line : server.metrics().split("\n")) {
			if (!line.startsWith(BUCKET + "{") || !line.contains(streamLabel)) {
				continue;
			}
			int le = line.indexOf("le=\"") + 4;
			String bound = line.substring(le, line.indexOf('"', le));
			double upper = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
			buckets.merge(upper, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
		}
		return new ServerDelivery(buckets);
	}

	/** What happened between {@code before} and this snapshot. */
	ServerDelivery since(ServerDelivery before) {
		TreeMap<Double, Double> diff = new TreeMap<>();
		this.buckets.forEach((upper, count) -> diff.put(upper, count - before.buckets.getOrDefault(upper, 0.0)));
		return new ServerDelivery(diff);
	}

	long count() {
		return this.buckets.isEmpty() ? 0 : (long) (double) this.buckets.lastEntry().getValue();
	}

	/** The bucket bound (ms) at or below which a fraction {@code q} of deliveries were written. */
	double quantileMillis(double q) {
		double target = q * count();
		for (Map.Entry<Double, Double> bucket : this.buckets.entrySet()) {
			if (bucket.getValue() >= target) {
				return bucket.getKey() * 1000;
			}
		}
		return Double.NaN;
	}

	String brief() {
		if (count() == 0) {
			return "no deliveries (server without vigil_stream_delivery_seconds?)";
		}
		return String.format("p50 ≤ %s  p99 ≤ %s  p99.9 ≤ %s ms  (n=%,d, bucket bounds)", ms(quantileMillis(0.5)),
				ms(quantileMillis(0.99)), ms(quantileMillis(0.999)), count());
	}

	Map<String, Object> summary() {
		return Map.of("count", count(), "p50_ms_at_most", quantileMillis(0.5), "p99_ms_at_most", quantileMillis(0.99),
				"p999_ms_at_most", quantileMillis(0.999));
	}

	private static String ms(double millis) {
		return Double.isInfinite(millis) ? "∞" : Latency.fmt(millis);
	}

}
