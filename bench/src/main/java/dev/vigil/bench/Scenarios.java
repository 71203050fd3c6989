package dev.vigil.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The six measurements of issue 7, each against a running Vigil, and the log-tail curve; with
 * {@code --peer} the ones that apply run against nchan or websocketd instead ({@link Peer}).
 */
final class Scenarios {

	static final String NOTIFICATIONS = "/api/admin/notifications/stream";

	static final String LOGS = "/api/admin/logs/stream";

	private final Options options;

	private final Api root;

	private final HttpClient rest;

	private final Pool pool;

	private final Server server;

	/** {@code ""} (Vigil), {@link Peer#NCHAN} or {@link Peer#WEBSOCKETD}. */
	private final String peer;

	private List<Api> sessions;

	Scenarios(Options options, Api root, HttpClient rest, Pool pool, Server server) {
		this.options = options;
		this.root = root;
		this.rest = rest;
		this.pool = pool;
		this.server = server;
		this.peer = options.string("peer");
	}

	// ---------------------------------------------------------------- shared

	/**
	 * The sessions connections are spread over: the logged-in admin alone ({@code --admins 1}), or
	 * {@code bench-<i>@vigil.bench} viewers created (once, kept) by the superadmin and logged in.
	 */
	List<Api> sessions() {
		if (this.sessions != null) {
			return this.sessions;
		}
		int admins = this.options.integer("admins");
		List<Api> list = new ArrayList<>();
		if (admins <= 1 || peer()) {
			list.add(this.root);
		}
		else {
			String password = this.options.string("admin-password");
			for (int i = 0; i < admins; i++) {
				String email = "bench-" + i + "@vigil.bench";
				Api.Response created = this.root.post("/api/admin/admins",
						Map.of("email", email, "password", password, "role", "viewer", "name", "Bench " + i));
				if (created.status() != 201 && created.status() != 409 && created.status() != 422) {
					created.expect(201);
				}
				list.add(new Api(this.rest, this.root.base()).login(email, password));
			}
		}
		this.sessions = list;
		return list;
	}

	/** {@code sse + ws} connections, transports interleaved, spread round-robin over the sessions. */
	List<Pool.Target> targets(String path, int sse, int ws, List<Api> sessions) {
		List<Pool.Target> targets = new ArrayList<>(sse + ws);
		int s = 0;
		int w = 0;
		for (int i = 0; i < sse + ws; i++) {
			boolean useSse = (w >= ws) || (s < sse && (i % 2 == 0));
			if (useSse) {
				s++;
			}
			else {
				w++;
			}
			targets.add(new Pool.Target(sessions.get(i % sessions.size()), path, useSse));
		}
		return targets;
	}

	private boolean peer() {
		return !this.peer.isEmpty();
	}

	/** The server's stream-connection gauge; a peer has none, and no other clients. */
	private double connections() {
		return peer() ? 0 : this.server.connections(null);
	}

	/** The server's delivery histogram now; null for a peer (no metrics). */
	private ServerDelivery snapshot(String stream) {
		return peer() ? null : ServerDelivery.snapshot(this.server, stream);
	}

	/** Where notification-like events are subscribed: Vigil's stream or nchan's channel. */
	private String notificationsPath() {
		return peer() ? Peer.SUBSCRIBE : NOTIFICATIONS;
	}

	/** {@code sse + ws} idle-or-broadcast connections; websocketd has WebSocket only, so all are. */
	private List<Pool.Target> streamTargets(int sse, int ws) {
		return this.peer.equals(Peer.WEBSOCKETD) ? targets("/", 0, sse + ws, sessions())
				: targets(notificationsPath(), sse, ws, sessions());
	}

	List<Conn> open(List<Pool.Target> targets, Conn.Sink sink) {
		// Indices (and so HttpClient slots) restart per call: the previous connections are closed.
		return this.pool.open(targets, 0, sink, this.options.duration("settle").plusSeconds(60));
	}

	/** Every notification connection has had its first event (the unread count): the server holds it. */
	void awaitFirstEvent(List<Conn> conns, Result result) {
		if (peer()) {
			awaitReady(conns);
			return;
		}
		awaitFirstEvents(conns, this.options.duration("settle"),
				"a cap? vigil.stream.max-per-admin / --admins, vigil.stream.max-connections");
	}

	/**
	 * Waits up to {@code settle} for every connection's first event; closes them all and
	 * fails, naming {@code hint}, when one got none or was closed.
	 */
	static void awaitFirstEvents(List<Conn> conns, Duration settle, String hint) {
		long deadline = System.nanoTime() + settle.toNanos();
		while (System.nanoTime() < deadline) {
			if (conns.stream().allMatch((c) -> c.events.get() > 0 || c.closed.isDone())) {
				break;
			}
			Server.sleep(100);
		}
		List<Conn> silent = conns.stream().filter((c) -> c.events.get() == 0 || c.closed.isDone()).toList();
		if (!silent.isEmpty()) {
			Pool.closeAll(conns);
			throw new BenchException(silent.size() + " of " + conns.size() + " connections got no first event or were "
					+ "closed by the server " + closes(silent) + " (" + hint + ")");
		}
	}

	/**
	 * A peer sends nothing when a subscription starts, and websocketd starts its tail only after the
	 * handshake: "ready" events (no marker) go out every 200 ms until every connection has had one,
	 * so no connection is still setting up when the measured events start.
	 */
	void awaitReady(List<Conn> conns) {
		boolean tail = this.peer.equals(Peer.WEBSOCKETD);
		LogWriter writer = tail ? new LogWriter(Path.of(logFile())) : null;
		long deadline = System.nanoTime() + this.options.duration("settle").toNanos();
		try {
			StringBuilder out = new StringBuilder();
			for (long n = 0; System.nanoTime() < deadline; n++) {
				if (conns.stream().allMatch((c) -> c.events.get() > 0 || c.closed.isDone())) {
					break;
				}
				if (tail) {
					out.setLength(0);
					LogWriter.line(out, "info", "bench ready " + n);
					writer.write(out);
				}
				else {
					this.root.post(Peer.PUBLISH, Map.of("type", "ready", "n", n)).expect(201, 202);
				}
				Server.sleep(200);
			}
		}
		finally {
			if (writer != null) {
				writer.close();
			}
		}
		List<Conn> silent = conns.stream().filter((c) -> c.events.get() == 0 || c.closed.isDone()).toList();
		if (!silent.isEmpty()) {
			Pool.closeAll(conns);
			throw new BenchException(silent.size() + " of " + conns.size() + " connections got no ready event or were "
					+ "closed by " + this.peer + " " + closes(silent));
		}
	}

	/** Closes the connections and waits (up to --settle) for the server's gauge to come back. */
	void closeAndSettle(List<Conn> conns, double baseline, Result result) {
		Pool.closeAll(conns);
		if (peer()) {
			settlePeer(result);
			return;
		}
		double seconds = this.server.awaitConnections(null, (v) -> v <= baseline, this.options.duration("settle"));
		result.put("seconds_to_release_connections", seconds);
		if (seconds < 0) {
			result.row("warning", "server still counts %,.0f connections (baseline %,.0f) after --settle",
					this.server.connections(null), baseline);
		}
	}

	/** websocketd: until its tails have exited (one per connection); nchan: a second to close. */
	private void settlePeer(Result result) {
		if (!this.peer.equals(Peer.WEBSOCKETD)) {
			Server.sleep(1000);
			return;
		}
		long pid = this.server.pid();
		long start = System.nanoTime();
		while (Peer.tree(pid).size() > 1 && System.nanoTime() - start < this.options.duration("settle").toNanos()) {
			Server.sleep(200);
		}
		int left = Peer.tree(pid).size() - 1;
		result.put("seconds_to_release_connections", (left > 0) ? -1 : (System.nanoTime() - start) / 1e9);
		if (left > 0) {
			result.row("warning", "%,d tail processes still running after --settle", left);
		}
	}

	private String logFile() {
		String file = this.options.string("log-file");
		if (file.isEmpty()) {
			throw new BenchException("needs --log-file (the file the server tails: vigil.logs.directory/vigil.logs.file; "
					+ "for websocketd the FILE given to bench/peers/websocketd.sh)");
		}
		return file;
	}

	/** Unexpected ends (server closes, errors) among connections not closed by us. */
	static Map<String, Integer> closes(List<Conn> conns) {
		Map<String, Integer> reasons = new LinkedHashMap<>();
		for (Conn conn : conns) {
			String reason = conn.closed.getNow(null);
			if (reason != null && !reason.equals("closed by client")) {
				reasons.merge(reason.length() > 80 ? reason.substring(0, 80) : reason, 1, Integer::sum);
			}
		}
		return reasons;
	}

	static String token() {
		return "vb" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

	static void awaitCount(LongSupplier received, long expected, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		long last = -1;
		while (System.nanoTime() < deadline) {
			long now = received.getAsLong();
			if (now >= expected) {
				return;
			}
			if (now != last) {
				// progress pushes the deadline: only a stall for the whole --timeout gives up
				deadline = Math.max(deadline, System.nanoTime() + timeout.toNanos());
				last = now;
			}
			Server.sleep(50);
		}
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

	private static String pad(int length) {
		return "x".repeat(Math.max(0, Math.min(4000, length)));
	}

	/** Delivery bookkeeping for notification rounds: a token, latency split by transport. */
	static final class Rounds implements Conn.Sink {

		final String token = token();

		final Latency all = new Latency();

		final Latency sse = new Latency();

		final Latency ws = new Latency();

		final AtomicLong received = new AtomicLong();

		volatile int warmup;

		/** Connections whose latencies are not recorded (the stalled ones), by index. */
		final Map<Integer, Boolean> excluded = new ConcurrentHashMap<>();

		@Override
		public void onEvent(Conn conn, String name, String data, long receivedNanos) {
			long[] m = new long[2];
			if (!Latency.marker(data, this.token, m)) {
				return;
			}
			if (m[0] < this.warmup) {
				return;
			}
			if (this.excluded.containsKey(conn.index)) {
				return;
			}
			long latency = receivedNanos - m[1];
			this.all.recordNanos(latency);
			(conn.sse() ? this.sse : this.ws).recordNanos(latency);
			this.received.incrementAndGet();
		}

	}

	/** {@code warmup + rounds} broadcasts ({@code "all": true}), one every {@code --interval}. */
	private Latency broadcastRounds(Rounds rounds, int warmup, int count, int payload, int seqBase, Result result) {
		Latency post = new Latency();
		long interval = this.options.duration("interval").toNanos();
		long start = System.nanoTime();
		String message = pad(payload);
		for (int r = 0; r < warmup + count; r++) {
			sleepUntil(start + r * interval);
			long sent = System.nanoTime();
			String title = "bench " + Latency.marker(rounds.token, seqBase + r, sent);
			// nchan: the frame Vigil would send for this notification, published as is
			Api.Response response = peer() ? this.root.post(Peer.PUBLISH, Peer.notificationFrame(seqBase + r, title, message))
					: this.root.post("/api/admin/notifications/send",
							Map.of("all", true, "type", "info", "title", title, "message", message));
			post.recordNanos(System.nanoTime() - sent);
			if (response.status() != 201 && !(peer() && response.status() == 202)) {
				result.error("send " + r + ": HTTP " + response.status() + " " + Api.abbreviate(response.body()));
			}
		}
		return post;
	}

	// ---------------------------------------------------------------- 1. broadcast

	Result broadcast() {
		Result result = new Result("broadcast");
		int sse = this.options.integer("sse");
		int ws = this.options.integer("ws");
		int warmup = this.options.integer("warmup");
		int rounds = this.options.integer("rounds");
		double baseline = connections();
		Rounds sink = new Rounds();
		sink.warmup = warmup;
		long openStart = System.nanoTime();
		List<Conn> conns = open(streamTargets(sse, ws), sink);
		try {
			awaitFirstEvent(conns, result);
			double openSeconds = (System.nanoTime() - openStart) / 1e9;
			result.put("connections", conns.size()).put("sse", sse).put("ws", ws).put("admins", sessions().size());
			result.put("open_seconds", openSeconds);
			result.row("connections (SSE + WS) / admins", "%,d (%,d + %,d) / %d", conns.size(), sse, ws, sessions().size());
			result.row("time to open all", "%.1f s", openSeconds);
			broadcastRounds(sink, warmup, 0, 0, 0, result);
			ServerDelivery before = snapshot("notifications");
			Latency post = broadcastRounds(sink, 0, rounds, 0, warmup, result);
			long expected = (long) rounds * conns.size();
			awaitCount(sink.received::get, expected, this.options.duration("timeout"));
			result.deliveries("deliveries", rounds, expected, sink.received.get());
			reportDeliveries(result, "send -> delivery, all", sink, post, conns, before);
		}
		finally {
			closeAndSettle(conns, baseline, result);
		}
		return result;
	}

	/** Latencies of a send-and-deliver scenario, and any connection the server ended meanwhile. */
	private void reportDeliveries(Result result, String label, Rounds sink, Latency post, List<Conn> conns,
			ServerDelivery before) {
		result.put("delivery", sink.all.summary()).put("delivery_sse", sink.sse.summary())
			.put("delivery_ws", sink.ws.summary()).put("send_request", post.summary());
		result.row(label, sink.all.brief());
		result.row("  SSE", sink.sse.brief());
		result.row("  WebSocket", sink.ws.brief());
		if (before != null) {
			ServerDelivery server = ServerDelivery.snapshot(this.server, "notifications").since(before);
			result.put("server_delivery", server.summary());
			result.row("  of which server: publish -> written", server.brief());
		}
		result.row(peer() ? "POST /pub round trip" : "POST /send round trip", post.brief());
		Map<String, Integer> closes = closes(conns);
		result.put("unexpected_closes", closes);
		if (!closes.isEmpty()) {
			result.error("connections ended by the server: " + closes);
		}
	}

	// ---------------------------------------------------------------- 2. targeted

	Result targeted() {
		Result result = new Result("targeted");
		int sse = this.options.integer("sse");
		int ws = this.options.integer("ws");
		int rate = this.options.integer("rate");
		Duration duration = this.options.duration("duration");
		List<Api> sessions = sessions();
		if (sessions.size() < 2) {
			result.row("note", "--admins 1: every notification goes to all connections (use --admins N)");
		}
		double baseline = this.server.connections(null);
		Rounds sink = new Rounds();
		List<Pool.Target> targets = targets(NOTIFICATIONS, sse, ws, sessions);
		Map<Long, Integer> perAdmin = new LinkedHashMap<>();
		targets.forEach((t) -> perAdmin.merge(t.api().adminId, 1, Integer::sum));
		List<Conn> conns = open(targets, sink);
		try {
			awaitFirstEvent(conns, result);
			result.put("connections", conns.size()).put("admins", sessions.size()).put("rate_target", rate);
			result.row("connections (SSE + WS) / admins", "%,d (%,d + %,d) / %d", conns.size(), sse, ws, sessions.size());
			Latency post = new Latency();
			AtomicInteger failed = new AtomicInteger();
			AtomicLong late = new AtomicLong();
			Semaphore inFlight = new Semaphore(1000);
			ExecutorService senders = Executors.newCachedThreadPool();
			long expected = 0;
			long sent = 0;
			ServerDelivery before = ServerDelivery.snapshot(this.server, "notifications");
			long interval = 1_000_000_000L / Math.max(1, rate);
			long start = System.nanoTime();
			long end = start + duration.toNanos();
			for (long i = 0; start + i * interval < end; i++) {
				sleepUntil(start + i * interval);
				if (System.nanoTime() - (start + i * interval) > 10_000_000L) {
					late.incrementAndGet();
				}
				if (!inFlight.tryAcquire()) {
					result.error("more than 1,000 sends in flight: the server cannot keep up with " + rate + "/s");
					break;
				}
				Api target = sessions.get((int) (i % sessions.size()));
				long at = System.nanoTime();
				this.root
					.postAsync("/api/admin/notifications/send", Map.of("admin_id", target.adminId, "type", "info", "title",
							"bench " + Latency.marker(sink.token, i, at), "message", ""), senders)
					.whenComplete((status, error) -> {
						inFlight.release();
						post.recordNanos(System.nanoTime() - at);
						if (error != null || status != 201) {
							failed.incrementAndGet();
						}
					});
				sent++;
				expected += perAdmin.getOrDefault(target.adminId, 0);
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			inFlight.acquireUninterruptibly(1000);
			inFlight.release(1000);
			senders.shutdown();
			awaitCount(sink.received::get, expected, this.options.duration("timeout"));
			result.put("sent_per_second", sent / seconds).put("late_sends", late.get()).put("failed_sends", failed.get());
			result.row("sends (target / achieved)", "%,d/s / %,.0f/s (%,d late by > 10 ms)", rate, sent / seconds, late.get());
			result.deliveries("deliveries", sent, expected, sink.received.get());
			if (failed.get() > 0) {
				result.error(failed.get() + " sends failed");
			}
			reportDeliveries(result, "POST -> delivery, all", sink, post, conns, before);
		}
		finally {
			closeAndSettle(conns, baseline, result);
		}
		return result;
	}

	// ---------------------------------------------------------------- 3. log tail

	/** Appends JSON lines in the server's format to the tailed file. */
	static final class LogWriter implements AutoCloseable {

		private final FileChannel channel;

		LogWriter(Path file) {
			try {
				this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
						StandardOpenOption.APPEND);
			}
			catch (IOException ex) {
				throw new BenchException("cannot append to " + file + ": " + ex);
			}
		}

		static void line(StringBuilder out, String level, String msg) {
			out.append("{\"time\":\"").append(Instant.now()).append("\",\"level\":\"").append(level)
				.append("\",\"msg\":\"").append(msg).append("\",\"logger\":\"dev.vigil.bench\",\"thread\":\"bench-writer\"}\n");
		}

		void write(CharSequence lines) {
			try {
				ByteBuffer buffer = StandardCharsets.UTF_8.encode(lines.toString());
				while (buffer.hasRemaining()) {
					this.channel.write(buffer);
				}
			}
			catch (IOException ex) {
				throw new BenchException("log append failed: " + ex);
			}
		}

		@Override
		public void close() {
			try {
				this.channel.close();
			}
			catch (IOException ex) {
				// best effort
			}
		}

	}

	/** Log deliveries: latency of marked lines, optionally split by halves of a step; skipped counts. */
	static final class LogSink implements Conn.Sink {

		final String token;

		final Latency latency = new Latency();

		final AtomicLong received = new AtomicLong();

		final AtomicLong skipped = new AtomicLong();

		volatile Latency firstHalf = new Latency();

		volatile Latency secondHalf = new Latency();

		volatile long halfSeq = Long.MAX_VALUE;

		volatile long stepFirstSeq;

		LogSink(String token) {
			this.token = token;
		}

		@Override
		public void onEvent(Conn conn, String name, String data, long receivedNanos) {
			long n = Conn.skipped(name, data);
			if (n >= 0) {
				this.skipped.addAndGet(n);
				return;
			}
			long[] m = new long[2];
			if (!Latency.marker(data, this.token, m) || m[0] < this.stepFirstSeq) {
				return;
			}
			long value = receivedNanos - m[1];
			this.latency.recordNanos(value);
			((m[0] < this.halfSeq) ? this.firstHalf : this.secondHalf).recordNanos(value);
			this.received.incrementAndGet();
		}

	}

	Result logs() {
		Result result = new Result("logs");
		try (LogWriter writer = new LogWriter(Path.of(logFile()))) {
			logLatency(writer, result);
			if (peer()) {
				result.row("rate ramp", "not run: websocketd has no filter (Vigil only)");
			}
			else {
				logRamp(writer, result);
			}
		}
		return result;
	}

	/** Log subscribers are in place: Vigil's gauge counts them; websocketd's tails print a ready line. */
	private void awaitLogSubscribers(List<Conn> conns) {
		if (peer()) {
			awaitReady(conns);
		}
		else if (this.server.awaitConnections("logs", (v) -> v >= conns.size(), this.options.duration("settle")) < 0) {
			throw new BenchException("the server does not count " + conns.size() + " log subscribers");
		}
	}

	/** One marked line every 1/{@code rate} s for {@code duration}; returns how many. */
	private static long writeLines(LogWriter writer, String token, int rate, Duration duration) {
		long interval = 1_000_000_000L / Math.max(1, rate);
		long start = System.nanoTime();
		long lines = 0;
		StringBuilder out = new StringBuilder(256);
		while (start + lines * interval < start + duration.toNanos()) {
			sleepUntil(start + lines * interval);
			out.setLength(0);
			LogWriter.line(out, "info", "bench " + Latency.marker(token, lines, System.nanoTime()));
			writer.write(out);
			lines++;
		}
		return lines;
	}

	/**
	 * Append -> client at {@code --log-rate} with {@code --log-subscribers} (half SSE, half WS;
	 * websocketd: all WS, each its own {@code tail}, every line to every one).
	 */
	private void logLatency(LogWriter writer, Result result) {
		int subscribers = this.options.integer("log-subscribers");
		int rate = this.options.integer("log-rate");
		Duration duration = this.options.duration("duration");
		double baseline = connections();
		LogSink sink = new LogSink(token());
		List<Conn> conns = open(peer() ? targets("/", 0, subscribers, sessions()) : targets(LOGS + "?search=" + sink.token,
				subscribers - subscribers / 2, subscribers / 2, sessions()), sink);
		try {
			awaitLogSubscribers(conns);
			ServerDelivery before = snapshot("logs");
			long lines = writeLines(writer, sink.token, rate, duration);
			long expected = lines * conns.size();
			awaitCount(sink.received::get, expected, this.options.duration("timeout"));
			result.put("latency_subscribers", conns.size()).put("latency_rate", rate);
			result.row("append -> client", "%,d subscribers (%s), %,d lines/s for %.1f s", conns.size(),
					peer() ? "WS" : "SSE + WS", rate, duration.toMillis() / 1000.0);
			result.deliveries("latency_deliveries", lines, expected, sink.received.get());
			result.put("append_to_client", sink.latency.summary()).put("latency_skipped", sink.skipped.get());
			result.row("  append -> client", sink.latency.brief());
			if (before != null) {
				ServerDelivery server = ServerDelivery.snapshot(this.server, "logs").since(before);
				result.put("server_delivery", server.summary());
				result.row("  of which server: line read -> written", server.brief());
			}
			if (sink.skipped.get() > 0) {
				result.error(sink.skipped.get() + " lines skipped at " + rate + " lines/s");
			}
		}
		finally {
			closeAndSettle(conns, baseline, result);
		}
	}

	/**
	 * Rising write rates ({@code --ramp}, each held {@code --step}) with {@code --filtered}
	 * subscribers, half {@code level=error}, half {@code search=<token>}. One line in 100 is a probe
	 * matching both filters; the rest match neither. A rate is sustained when every probe arrived,
	 * nothing was skipped, the writer kept up, and probe p99 in the step's second half is at most
	 * twice (or 50 ms above) the first half's — lag that grows means the server is behind.
	 */
	private void logRamp(LogWriter writer, Result result) {
		int filtered = this.options.integer("filtered");
		Duration step = this.options.duration("step");
		double baseline = this.server.connections(null);
		LogSink sink = new LogSink(token());
		List<Pool.Target> targets = new ArrayList<>();
		List<Api> sessions = sessions();
		for (int i = 0; i < filtered; i++) {
			String query = (i % 4 < 2) ? "?level=error" : "?search=" + sink.token;
			targets.add(new Pool.Target(sessions.get(i % sessions.size()), LOGS + query, i % 2 == 0));
		}
		List<Conn> conns = open(targets, sink);
		List<Map<String, Object>> steps = new ArrayList<>();
		int best = 0;
		try {
			if (this.server.awaitConnections("logs", (v) -> v >= conns.size(), this.options.duration("settle")) < 0) {
				throw new BenchException("the server does not count " + conns.size() + " log subscribers");
			}
			result.row("sustained rate", "%,d filtered subscribers (level=error | search), 1 %% of lines match",
					conns.size());
			long seq = 0;
			for (int rate : this.options.integers("ramp")) {
				sink.firstHalf = new Latency();
				sink.secondHalf = new Latency();
				sink.received.set(0);
				sink.stepFirstSeq = seq;
				sink.halfSeq = Long.MAX_VALUE;
				long skippedBefore = sink.skipped.get();
				int batch = Math.max(1, rate / 100);
				long start = System.nanoTime();
				long end = start + step.toNanos();
				long written = 0;
				long probes = 0;
				long filler = 0;
				boolean halfMarked = false;
				StringBuilder out = new StringBuilder(batch * 200);
				while (System.nanoTime() < end) {
					out.setLength(0);
					long now = System.nanoTime();
					if (!halfMarked && now - start >= step.toNanos() / 2) {
						sink.halfSeq = seq;
						halfMarked = true;
					}
					for (int i = 0; i < batch; i++) {
						if ((written + i) % 100 == 0) {
							LogWriter.line(out, "error", "bench probe " + Latency.marker(sink.token, seq++, System.nanoTime()));
							probes++;
						}
						else {
							LogWriter.line(out, "info", "filler line " + (filler++) + " for the rate ramp");
						}
					}
					writer.write(out);
					written += batch;
					sleepUntil(start + written * 1_000_000_000L / rate);
				}
				double seconds = (System.nanoTime() - start) / 1e9;
				long expected = probes * conns.size();
				awaitCount(sink.received::get, expected, this.options.duration("timeout"));
				long received = sink.received.get();
				long skipped = sink.skipped.get() - skippedBefore;
				double achieved = written / seconds;
				double p99a = sink.firstHalf.ms(99);
				double p99b = sink.secondHalf.ms(99);
				boolean flat = !(p99b > Math.max(2 * p99a, p99a + 50));
				boolean sustained = received >= expected && skipped == 0 && achieved >= 0.95 * rate && flat;
				Map<String, Object> s = new LinkedHashMap<>();
				s.put("rate_target", rate);
				s.put("rate_written", Math.round(achieved));
				s.put("probes", probes);
				s.put("expected_deliveries", expected);
				s.put("received", received);
				s.put("missing", Math.max(0, expected - received));
				s.put("skipped", skipped);
				s.put("probe_latency", merged(sink));
				s.put("first_half_p99_ms", Latency.round(p99a));
				s.put("second_half_p99_ms", Latency.round(p99b));
				s.put("sustained", sustained);
				steps.add(s);
				result.row(String.format("  %,7d lines/s", rate), String.format(
						"wrote %,.0f/s; probe p99 %s ms (halves %s -> %s); %,d/%,d delivered; skipped %,d; %s", achieved,
						Latency.fmt(Math.max(p99a, p99b)), Latency.fmt(p99a), Latency.fmt(p99b), received, expected,
						skipped, sustained ? "sustained" : "NOT sustained"));
				if (!sustained) {
					break;
				}
				best = rate;
				Server.sleep(1000);
			}
			result.put("ramp", steps).put("filtered_subscribers", conns.size()).put("max_sustained_lines_per_second", best);
			result.row("highest sustained rate", "%,d lines/s", best);
			Map<String, Integer> closes = closes(conns);
			if (!closes.isEmpty()) {
				result.error("log subscribers ended by the server: " + closes);
			}
		}
		finally {
			closeAndSettle(conns, baseline, result);
		}
	}

	private static Map<String, Object> merged(LogSink sink) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("first_half", sink.firstHalf.summary());
		map.put("second_half", sink.secondHalf.summary());
		return map;
	}

	// ---------------------------------------------------------------- 3b. log-tail curve

	/**
	 * Append -> client against the number of WebSocket subscribers: for each {@code --curve} count,
	 * open that many (Vigil: the log stream with {@code ?search=<token>} as in {@code logs};
	 * websocketd: a {@code tail} each), write at {@code --log-rate} for {@code --duration}, report
	 * the distribution and the loss, close them, next count. Shows where latency stops being flat.
	 */
	Result curve() {
		Result result = new Result("curve");
		int rate = this.options.integer("log-rate");
		Duration duration = this.options.duration("duration");
		List<Map<String, Object>> steps = new ArrayList<>();
		result.put("rate", rate).put("seconds_per_step", duration.toMillis() / 1000.0).put("steps", steps);
		result.row("WebSocket subscribers", "append -> client, %,d lines/s for %.1f s each", rate,
				duration.toMillis() / 1000.0);
		try (LogWriter writer = new LogWriter(Path.of(logFile()))) {
			for (int n : this.options.integers("curve")) {
				double baseline = connections();
				LogSink sink = new LogSink(token());
				List<Conn> conns;
				try {
					conns = open(targets(peer() ? "/" : LOGS + "?search=" + sink.token, 0, n, sessions()), sink);
				}
				catch (BenchException ex) {
					result.error(n + " subscribers: " + ex.getMessage());
					break;
				}
				try {
					awaitLogSubscribers(conns);
					ServerDelivery before = peer() ? null : ServerDelivery.snapshot(this.server, "logs");
					long lines = writeLines(writer, sink.token, rate, duration);
					long expected = lines * n;
					awaitCount(sink.received::get, expected, this.options.duration("timeout"));
					long received = sink.received.get();
					long missing = Math.max(0, expected - received);
					Map<String, Integer> closes = closes(conns);
					Map<String, Object> step = new LinkedHashMap<>();
					step.put("subscribers", n);
					step.put("lines", lines);
					step.put("expected_deliveries", expected);
					step.put("received", received);
					step.put("missing", missing);
					step.put("skipped", sink.skipped.get());
					step.put("append_to_client", sink.latency.summary());
					step.put("unexpected_closes", closes);
					steps.add(step);
					result.row(String.format("  %,6d", n), "p50 %s  p90 %s  p99 %s  max %s ms; %,d/%,d delivered, %,d lost",
							Latency.fmt(sink.latency.ms(50)), Latency.fmt(sink.latency.ms(90)),
							Latency.fmt(sink.latency.ms(99)), Latency.fmt(sink.latency.maxMs()), received, expected,
							missing);
					if (before != null) {
						ServerDelivery server = ServerDelivery.snapshot(this.server, "logs").since(before);
						step.put("server_delivery", server.summary());
						result.row("         of which server", server.brief());
					}
					if (missing > 0) {
						result.error(n + " subscribers: " + missing + " of " + expected + " deliveries missing");
					}
					if (sink.skipped.get() > 0) {
						result.error(n + " subscribers: " + sink.skipped.get() + " lines skipped");
					}
					if (!closes.isEmpty()) {
						result.error(n + " subscribers: ended by the server: " + closes);
					}
				}
				catch (BenchException ex) {
					result.error(n + " subscribers: " + ex.getMessage());
					break;
				}
				finally {
					closeAndSettle(conns, baseline, result);
				}
			}
		}
		return result;
	}

	// ---------------------------------------------------------------- 4. footprint

	Result footprint() {
		Result result = new Result("footprint");
		int sse = this.options.integer("sse");
		int ws = this.options.integer("ws");
		long pid = this.server.pid();
		if (!peer()) {
			// Streams closed just before (SSE is noticed at the next heartbeat) would count as idle cost.
			this.server.awaitConnections(null, (v) -> v <= 0, this.options.duration("settle"));
		}
		double baseline = connections();
		result.put("pid", pid).put("connections_before", baseline);
		if (baseline > 0) {
			result.row("warning", "%,.0f stream connections were already open", baseline);
		}
		Map<String, Object> idle = measure(pid, result);
		Conn.Sink none = (c, n, d, t) -> {
		};
		List<Conn> conns = open(streamTargets(sse, ws), none);
		try {
			awaitFirstEvent(conns, result);
			Server.sleep(3000);
			Map<String, Object> loaded = measure(pid, result);
			int n = conns.size();
			double rssPer = ((long) loaded.get("rss_kb") - (long) idle.get("rss_kb")) / (double) n;
			result.put("connections", n).put("idle", idle).put("with_connections", loaded);
			result.put("rss_kb_per_connection", Latency.round(rssPer));
			if (peer()) {
				result.row(this.peer + " pid / processes", "%d / %s idle, %s with connections (RSS summed)", pid,
						idle.get("processes"), loaded.get("processes"));
				result.row("0 connections", "RSS %,d KB, fds %s", idle.get("rss_kb"), idle.get("open_fds"));
				result.row(String.format("%,d idle connections", n), "RSS %,d KB, fds %s", loaded.get("rss_kb"),
						loaded.get("open_fds"));
				result.row("per connection", "RSS %.1f KB", rssPer);
				return result;
			}
			double heapPer = ((double) loaded.get("heap_used_bytes") - (double) idle.get("heap_used_bytes")) / 1024.0 / n;
			result.put("heap_kb_per_connection", Latency.round(heapPer));
			result.row("server pid / GC via jcmd", "%d / %s", pid, idle.get("gc"));
			result.row("0 connections", "RSS %,d KB, heap used %,.0f KB, fds %s", idle.get("rss_kb"),
					(double) idle.get("heap_used_bytes") / 1024, idle.get("open_fds"));
			result.row(String.format("%,d idle connections", n), "RSS %,d KB, heap used %,.0f KB, fds %s",
					loaded.get("rss_kb"), (double) loaded.get("heap_used_bytes") / 1024, loaded.get("open_fds"));
			result.row("per connection", "RSS %.1f KB, heap %.1f KB", rssPer, heapPer);
		}
		finally {
			closeAndSettle(conns, baseline, result);
		}
		return result;
	}

	private Map<String, Object> measure(long pid, Result result) {
		if (peer()) {
			// no GC to run: nginx and websocketd free as they go; the process tree, as it is now
			Server.sleep(1000);
			List<Long> tree = Peer.tree(pid);
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("processes", tree.size());
			m.put("rss_kb", Peer.treeRssKb(tree));
			m.put("open_fds", Peer.treeFds(tree));
			return m;
		}
		boolean gc = Server.gc(pid);
		Server.sleep(2000);
		if (gc) {
			Server.gc(pid);
			Server.sleep(1000);
		}
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("gc", gc ? "done" : "jcmd unavailable (heap includes garbage)");
		m.put("rss_kb", Server.rssKb(pid));
		m.put("heap_used_bytes", this.server.heapUsedBytes());
		m.put("open_fds", Server.openFds(pid));
		m.put("stream_connections", this.server.connections(null));
		return m;
	}

	// ---------------------------------------------------------------- 5. isolation

	Result isolation() {
		Result result = new Result("isolation");
		int sse = this.options.integer("sse");
		int ws = this.options.integer("ws");
		int warmup = this.options.integer("warmup");
		int rounds = this.options.integer("rounds");
		int payload = this.options.integer("payload");
		double percent = this.options.decimal("stall-percent");
		double baseline = this.server.connections(null);
		Rounds before = new Rounds();
		before.warmup = warmup;
		Rounds after = new Rounds();
		after.warmup = warmup;
		Conn.Sink[] current = { before };
		List<Conn> conns = open(targets(NOTIFICATIONS, sse, ws, sessions()), (c, n, d, t) -> current[0].onEvent(c, n, d, t));
		try {
			awaitFirstEvent(conns, result);
			int every = Math.max(1, (int) Math.round(100 / percent));
			List<Conn> stalled = new ArrayList<>();
			// Transports alternate by index: shift every other pick by one so both kinds stall.
			for (int k = 0; every / 2 + k * every + (k % 2) < conns.size(); k++) {
				stalled.add(conns.get(every / 2 + k * every + (k % 2)));
			}
			int healthy = conns.size() - stalled.size();
			long stalledSse = stalled.stream().filter(Conn::sse).count();
			result.put("connections", conns.size()).put("stalled", stalled.size()).put("stalled_sse", stalledSse)
				.put("stalled_ws", stalled.size() - stalledSse).put("payload_chars", payload);
			result.row("connections / stalled", "%,d / %,d (%s %%), message %,d chars", conns.size(), stalled.size(),
					percent, Math.min(payload, 4000));
			// Phase 1: everyone reads.
			broadcastRounds(before, warmup, rounds, payload, 0, result);
			long expected = (long) rounds * conns.size();
			awaitCount(before.received::get, expected, this.options.duration("timeout"));
			result.deliveries("without_stalled", rounds, expected, before.received.get());
			// Phase 2: the stalled ones stop reading; healthy ones are measured.
			stalled.forEach((c) -> after.excluded.put(c.index, true));
			stalled.forEach(Conn::stall);
			current[0] = after;
			broadcastRounds(after, warmup, rounds, payload, 0, result);
			long expectedHealthy = (long) rounds * healthy;
			awaitCount(after.received::get, expectedHealthy, this.options.duration("timeout"));
			result.deliveries("with_stalled_healthy", rounds, expectedHealthy, after.received.get());
			Map<String, Integer> stalledEnds = closes(stalled);
			// Phase 3: the stalled ones read again (or were closed); everyone still open is measured
			// again, so two "nobody stalled" runs bracket the stalled one and show the run-to-run noise.
			stalled.forEach(Conn::resume);
			Server.sleep(1000);
			Rounds again = new Rounds();
			again.warmup = warmup;
			stalled.forEach((c) -> again.excluded.put(c.index, true));
			current[0] = again;
			broadcastRounds(again, warmup, rounds, payload, 0, result);
			long stillOpenHealthy = conns.stream().filter((c) -> !stalled.contains(c) && !c.closed.isDone()).count();
			long expectedAgain = (long) rounds * stillOpenHealthy;
			awaitCount(again.received::get, expectedAgain, this.options.duration("timeout"));
			result.deliveries("without_stalled_again", rounds, expectedAgain, again.received.get());
			double p99a = before.all.ms(99);
			double p99b = after.all.ms(99);
			double p99c = again.all.ms(99);
			double reference = (p99a + p99c) / 2;
			double increase = (p99b - reference) / reference * 100;
			result.put("without_stalled", before.all.summary()).put("with_stalled_healthy", after.all.summary())
				.put("without_stalled_again", again.all.summary());
			result.put("p99_increase_percent", Latency.round(increase));
			result.row("healthy latency, nobody stalled", before.all.brief());
			result.row("healthy latency, " + stalled.size() + " stalled", after.all.brief());
			result.row("healthy latency, nobody stalled again", again.all.brief());
			result.row("p99 change vs mean of the two without", "%+.1f %%", increase);
			List<Conn> healthyConns = new ArrayList<>(conns);
			healthyConns.removeAll(stalled);
			Map<String, Integer> healthyEnds = closes(healthyConns);
			result.put("stalled_closed_by_server", stalledEnds).put("healthy_closed_by_server", healthyEnds);
			result.row("stalled clients closed by the server", stalledEnds.isEmpty() ? "none" : stalledEnds.toString());
			if (!healthyEnds.isEmpty()) {
				result.error("healthy connections ended by the server: " + healthyEnds);
			}
		}
		finally {
			closeAndSettle(conns, baseline, result);
		}
		return result;
	}

	// ---------------------------------------------------------------- 6. churn

	Result churn() {
		Result result = new Result("churn");
		Duration duration = this.options.duration("duration");
		int workers = this.options.integer("churn-concurrency");
		List<Api> sessions = sessions();
		double baseline = this.server.connections(null);
		AtomicLong cycles = new AtomicLong();
		AtomicLong failures = new AtomicLong();
		Map<String, Integer> reasons = new ConcurrentHashMap<>();
		Latency firstEvent = new Latency();
		long end = System.nanoTime() + duration.toNanos();
		AtomicInteger indices = new AtomicInteger();
		List<Thread> threads = new ArrayList<>();
		long start = System.nanoTime();
		for (int w = 0; w < workers; w++) {
			Thread thread = new Thread(() -> {
				while (System.nanoTime() < end) {
					int i = indices.getAndIncrement();
					Api session = sessions.get(i % sessions.size());
					long opened = System.nanoTime();
					Conn conn;
					try {
						conn = this.pool.open(List.of(new Pool.Target(session, NOTIFICATIONS, i % 2 == 0)),
								i % workers, null, Duration.ofSeconds(30)).get(0);
					}
					catch (BenchException ex) {
						failures.incrementAndGet();
						reasons.merge(ex.getMessage(), 1, Integer::sum);
						Server.sleep(100);
						continue;
					}
					long deadline = System.nanoTime() + 10_000_000_000L;
					while (conn.events.get() == 0 && System.nanoTime() < deadline && !conn.closed.isDone()) {
						Server.sleep(1);
					}
					if (conn.events.get() == 0) {
						failures.incrementAndGet();
						reasons.merge("no first event", 1, Integer::sum);
					}
					else {
						firstEvent.recordNanos(System.nanoTime() - opened);
						cycles.incrementAndGet();
					}
					conn.close();
				}
			}, "churn-" + w);
			thread.setDaemon(true);
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new BenchException("interrupted");
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		double atEnd = this.server.connections(null);
		double settleSeconds = this.server.awaitConnections(null, (v) -> v <= baseline, this.options.duration("settle"));
		double after = this.server.connections(null);
		result.put("workers", workers).put("cycles", cycles.get()).put("failures", failures.get())
			.put("cycles_per_second", cycles.get() / seconds).put("open_to_first_event", firstEvent.summary())
			.put("gauge_baseline", baseline).put("gauge_at_end", atEnd).put("gauge_after_settle", after)
			.put("seconds_to_baseline", settleSeconds).put("failure_reasons", reasons);
		result.row("workers / duration", "%d / %.1f s", workers, seconds);
		result.row("open + first event + close cycles", "%,d (%,.0f/s), %,d failed", cycles.get(), cycles.get() / seconds,
				failures.get());
		result.row("open -> first event", firstEvent.brief());
		result.row("vigil_stream_connections", "before %,.0f, at end %,.0f, after %s %,.0f", baseline, atEnd,
				(settleSeconds >= 0) ? String.format("%.1f s", settleSeconds) : "--settle", after);
		if (failures.get() > 0) {
			result.error(failures.get() + " cycles failed: " + reasons);
		}
		if (settleSeconds < 0) {
			result.error("gauge did not return to " + baseline + " (now " + after + ")");
		}
		return result;
	}

}
