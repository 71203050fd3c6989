package dev.vigil.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client side: a few HTTP/1.1 HttpClients (one selector thread each, one client per
 * {@code --per-client} connections) sharing one small executor, so 10,000 connections cost a
 * handful of threads.
 */
final class Pool implements AutoCloseable {

	private final List<HttpClient> clients = new ArrayList<>();

	private final ExecutorService executor;

	private final int perClient;

	private final int parallel;

	Pool(int perClient, int parallel) {
		this.perClient = Math.max(1, perClient);
		this.parallel = Math.max(1, parallel);
		AtomicInteger count = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), (r) -> {
			Thread thread = new Thread(r, "bench-io-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	synchronized HttpClient client(int index) {
		int slot = index / this.perClient;
		while (this.clients.size() <= slot) {
			this.clients.add(HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(30))
				.executor(this.executor)
				.build());
		}
		return this.clients.get(slot);
	}

	/** What to open: which session's cookie, which stream path (with query), which transport. */
	record Target(Api api, String path, boolean sse) {
	}

	/**
	 * Opens one connection per target, at most {@code --connect-parallel} handshakes at a time;
	 * Connection {@code i} gets index {@code indexBase + i}, which picks its HttpClient.
	 * @throws BenchException naming how many failed and the first reason
	 */
	List<Conn> open(List<Target> targets, int indexBase, Conn.Sink sink, Duration timeout) {
		Semaphore permits = new Semaphore(this.parallel);
		List<Conn> conns = new ArrayList<>(targets.size());
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			for (int i = 0; i < targets.size(); i++) {
				Target target = targets.get(i);
				if (!permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
					break;
				}
				int index = indexBase + i;
				URI uri = URI.create(target.api().base() + target.path());
				String cookie = target.api().cookieHeader();
				Conn conn = target.sse() ? Conn.sse(index, client(index), uri, cookie, sink)
						: Conn.ws(index, client(index), URI.create(uri.toString().replaceFirst("^http", "ws")), cookie,
								sink);
				conn.opened.whenComplete((v, e) -> permits.release());
				conns.add(conn);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		int failed = 0;
		String firstError = null;
		for (Conn conn : conns) {
			try {
				conn.opened.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (Exception ex) {
				failed++;
				if (firstError == null) {
					Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
					firstError = (ex instanceof TimeoutException) ? "timeout" : cause.getMessage();
				}
			}
		}
		failed += targets.size() - conns.size();
		if (failed > 0) {
			closeAll(conns);
			throw new BenchException(failed + " of " + targets.size() + " connections failed to open (first: "
					+ firstError + ")");
		}
		return conns;
	}

	static void closeAll(List<Conn> conns) {
		conns.forEach(Conn::close);
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
