package dev.vigil.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

import dev.vigil.support.TestThreads;
import dev.vigil.support.VigilClient;

/**
 * Senders that notify one admin as fast as they can through the balancer until stopped:
 * which sends were acknowledged (201, their ids), which got no answer or another answer,
 * and when each acknowledgement came (for the longest pause around a failure).
 */
final class SendBurst implements AutoCloseable {

	private final ExecutorService pool;

	private final List<Future<?>> running = new ArrayList<>();

	private final AtomicBoolean stop = new AtomicBoolean();

	final Set<Long> acknowledged = new ConcurrentSkipListSet<>();

	final AtomicInteger unanswered = new AtomicInteger();

	final List<String> otherAnswers = Collections.synchronizedList(new ArrayList<>());

	private final List<Long> ackNanos = Collections.synchronizedList(new ArrayList<>());

	private SendBurst(int senders) {
		this.pool = Executors.newFixedThreadPool(senders);
	}

	/** {@code senders} root clients of the balancer sending to {@code adminId}. */
	static SendBurst start(JarCluster cluster, int senders, long adminId) {
		SendBurst burst = new SendBurst(senders);
		for (int t = 0; t < senders; t++) {
			VigilClient sender = cluster.root();
			int thread = t;
			burst.running.add(burst.pool.submit(() -> burst.send(sender, adminId, thread)));
		}
		return burst;
	}

	private void send(VigilClient sender, long adminId, int thread) {
		for (int i = 0; !this.stop.get(); i++) {
			VigilClient.Response answer;
			try {
				answer = sender.post("/api/admin/notifications/send",
						Map.of("admin_id", adminId, "title", "burst " + thread + "-" + i));
			}
			catch (IllegalStateException ex) {
				// The connection died with an instance: sent, never answered.
				this.unanswered.incrementAndGet();
				continue;
			}
			if (answer.status() == 201) {
				this.acknowledged.add(answer.json().get("id").asLong());
				this.ackNanos.add(System.nanoTime());
			}
			else {
				this.otherAnswers.add(answer.status() + " " + answer.body());
			}
		}
	}

	/** Waits until at least {@code count} sends were acknowledged. */
	void awaitAcknowledged(int count) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (this.acknowledged.size() < count) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("only " + this.acknowledged.size() + " of " + count
						+ " sends acknowledged within 120 s; other answers: " + firstOtherAnswers());
			}
			TestThreads.pause(10);
		}
	}

	/** Stops the senders and waits for their last sends. */
	void stop() throws Exception {
		this.stop.set(true);
		for (Future<?> sender : this.running) {
			sender.get(60, TimeUnit.SECONDS);
		}
	}

	/**
	 * The longest time without an acknowledgement between {@code fromNanos} and the last
	 * acknowledgement, in ms.
	 */
	long longestPauseAfter(long fromNanos) {
		List<Long> times;
		synchronized (this.ackNanos) {
			times = new ArrayList<>(this.ackNanos);
		}
		Collections.sort(times);
		long previous = fromNanos;
		long longest = 0;
		for (long at : times) {
			if (at >= fromNanos) {
				longest = Math.max(longest, at - previous);
				previous = at;
			}
		}
		return longest / 1_000_000;
	}

	List<String> firstOtherAnswers() {
		synchronized (this.otherAnswers) {
			return List.copyOf(this.otherAnswers.subList(0, Math.min(5, this.otherAnswers.size())));
		}
	}

	/** Every notification id the recipient has, from the list API, ascending. */
	static TreeSet<Long> storedIds(VigilClient recipient) {
		TreeSet<Long> ids = new TreeSet<>();
		for (int offset = 0;; offset += 100) {
			JsonNode page = recipient.get("/api/admin/notifications?limit=100&sort=id&order=asc&offset=" + offset)
				.assertStatus(200)
				.json();
			page.get("notifications").forEach((n) -> ids.add(n.get("id").asLong()));
			if (offset + 100 >= page.get("total").asLong()) {
				return ids;
			}
		}
	}

	@Override
	public void close() {
		this.stop.set(true);
		this.pool.shutdownNow();
	}

}
