package dev.vigil.bench;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code cluster}: two instances of one cluster (issue 22), {@code --url} (A) and {@code --url-b} (B).
 * {@code --sse} + {@code --ws} notification streams, every other one on B; broadcast rounds
 * ({@code POST /send {"all":true}}) sent alternately through A and B. Every delivery is classed by
 * where it was sent and where it was received: on the same instance (the instance's own hub) or on
 * the other one (over the Redis bus), so the latency the bus adds is the difference of the two.
 */
final class ClusterScenario {

	private final Options options;

	private final Api a;

	private final HttpClient rest;

	private final Pool pool;

	ClusterScenario(Options options, Api a, HttpClient rest, Pool pool) {
		this.options = options;
		this.a = a;
		this.rest = rest;
		this.pool = pool;
	}

	/** Deliveries by sending instance and receiving instance. */
	static final class Sink implements Conn.Sink {

		final String token = Scenarios.token();

		final Latency same = new Latency();

		final Latency other = new Latency();

		final Latency all = new Latency();

		final AtomicLong received = new AtomicLong();

		final AtomicLong sameCount = new AtomicLong();

		final AtomicLong otherCount = new AtomicLong();

		volatile int warmup;

		@Override
		public void onEvent(Conn conn, String name, String data, long receivedNanos) {
			long[] m = new long[2];
			if (!Latency.marker(data, this.token, m) || m[0] < this.warmup) {
				return;
			}
			long latency = receivedNanos - m[1];
			// Round r went through A when even, B when odd; connection i is on A when even.
			boolean sameInstance = (m[0] % 2) == (conn.index % 2);
			(sameInstance ? this.same : this.other).recordNanos(latency);
			(sameInstance ? this.sameCount : this.otherCount).incrementAndGet();
			this.all.recordNanos(latency);
			this.received.incrementAndGet();
		}

	}

	Result run() {
		Result result = new Result("cluster");
		String urlB = this.options.string("url-b");
		if (urlB.isEmpty()) {
			throw new BenchException("cluster needs --url-b (the second instance; --url is the first)");
		}
		Api b = new Api(this.rest, urlB).login(this.options.string("email"), this.options.string("password"));
		Server serverA = new Server(this.rest, this.a.base(), this.options.string("metrics-token"), "");
		Server serverB = new Server(this.rest, b.base(), this.options.string("metrics-token"), "");
		int sse = this.options.integer("sse");
		int ws = this.options.integer("ws");
		int warmup = this.options.integer("warmup");
		int rounds = this.options.integer("rounds");
		double baseA = serverA.connections(null);
		double baseB = serverB.connections(null);
		List<Pool.Target> targets = new ArrayList<>(sse + ws);
		int s = 0;
		for (int i = 0; i < sse + ws; i++) {
			// Transports alternate in pairs, so that each instance gets both.
			boolean useSse = s < sse && ((i / 2) % 2 == 0 || i - s >= ws);
			if (useSse) {
				s++;
			}
			targets.add(new Pool.Target((i % 2 == 0) ? this.a : b, Scenarios.NOTIFICATIONS, useSse));
		}
		Sink sink = new Sink();
		sink.warmup = warmup;
		long openStart = System.nanoTime();
		List<Conn> conns = this.pool.open(targets, 0, sink, this.options.duration("settle").plusSeconds(60));
		try {
			awaitFirstEvent(conns);
			double openSeconds = (System.nanoTime() - openStart) / 1e9;
			double onA = serverA.connections(null) - baseA;
			double onB = serverB.connections(null) - baseB;
			result.put("connections", conns.size()).put("sse", sse).put("ws", ws).put("open_seconds", openSeconds)
				.put("connections_on_a", onA).put("connections_on_b", onB);
			result.row("connections (SSE + WS)", "%,d (%,d + %,d): %,.0f on A, %,.0f on B", conns.size(), s,
					conns.size() - s, onA, onB);
			result.row("time to open all", "%.1f s", openSeconds);
			Latency postA = new Latency();
			Latency postB = new Latency();
			long interval = this.options.duration("interval").toNanos();
			long start = System.nanoTime();
			for (int r = 0; r < warmup + rounds; r++) {
				sleepUntil(start + r * interval);
				Api via = (r % 2 == 0) ? this.a : b;
				long sent = System.nanoTime();
				Api.Response response = via.post("/api/admin/notifications/send", Map.of("all", true, "type", "info",
						"title", "bench " + Latency.marker(sink.token, r, sent), "message", ""));
				if (r >= warmup) {
					((r % 2 == 0) ? postA : postB).recordNanos(System.nanoTime() - sent);
				}
				if (response.status() != 201) {
					result.error("send " + r + " via " + ((r % 2 == 0) ? "A" : "B") + ": HTTP " + response.status() + " "
							+ Api.abbreviate(response.body()));
				}
			}
			long expected = (long) rounds * conns.size();
			Scenarios.awaitCount(sink.received::get, expected, this.options.duration("timeout"));
			result.deliveries("deliveries", rounds, expected, sink.received.get());
			if (sink.received.get() > expected) {
				result.error((sink.received.get() - expected) + " deliveries more than expected (duplicates)");
			}
			result.put("delivery", sink.all.summary())
				.put("delivery_same_instance", sink.same.summary())
				.put("delivery_other_instance", sink.other.summary())
				.put("send_request_a", postA.summary())
				.put("send_request_b", postB.summary());
			result.row("send -> delivery, all", sink.all.brief());
			result.row("  sent and received on one instance", sink.same.brief());
			result.row("  received on the other instance", sink.other.brief());
			result.row("POST /send round trip via A", postA.brief());
			result.row("POST /send round trip via B", postB.brief());
			Map<String, Integer> closes = Scenarios.closes(conns);
			result.put("unexpected_closes", closes);
			if (!closes.isEmpty()) {
				result.error("connections ended by the server: " + closes);
			}
		}
		finally {
			Pool.closeAll(conns);
			serverA.awaitConnections(null, (v) -> v <= baseA, this.options.duration("settle"));
			serverB.awaitConnections(null, (v) -> v <= baseB, this.options.duration("settle"));
		}
		return result;
	}

	private void awaitFirstEvent(List<Conn> conns) {
		Scenarios.awaitFirstEvents(conns, this.options.duration("settle"),
				"vigil.stream.max-per-admin is cluster-wide");
	}

	private static void sleepUntil(long nanoTime) {
		long wait = nanoTime - System.nanoTime();
		if (wait > 0) {
			try {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new BenchException("interrupted");
			}
		}
	}

}
