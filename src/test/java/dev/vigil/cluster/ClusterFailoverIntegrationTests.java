package dev.vigil.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vigil.support.TestThreads;
import dev.vigil.support.VigilClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of one of two instances behind nginx in the middle of a burst of sends:
 * the tabs that were on it reconnect through nginx to the other one and resume from their
 * last id, and in the end every tab, wherever it was, has every notification the database
 * holds for its admin exactly once: 0 lost, 0 duplicated. Sends in flight on the killed
 * instance get nginx's 502 (nginx does not retry a POST that reached an instance) and may
 * or may not have been stored; whichever it is, the tabs agree with the database.
 */
class ClusterFailoverIntegrationTests {

	static final int TABS_PER_TRANSPORT = 4;

	static final int SENDERS = 4;

	private JarCluster cluster;

	@AfterEach
	void stopCluster() {
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	@Test
	void tabsOnAKilledInstanceResumeOnTheOtherWithNothingLostOrRepeated() throws Exception {
		this.cluster = JarCluster
			.start(Path.of("target", "cluster-it", "failover-" + UUID.randomUUID()).toAbsolutePath(), List.of());
		VigilClient root = this.cluster.root();
		VigilClient recipient = VigilClient.loggedIn(this.cluster.nginx.port(),
				ClusterIntegrationTests.createViewer(root));
		long recipientId = recipient.adminId();
		List<ResumingStream> tabs = new ArrayList<>();
		for (int i = 0; i < TABS_PER_TRANSPORT; i++) {
			// nginx alternates: SSE, WS, WS, SSE, … puts both transports on each
			// instance.
			boolean sseFirst = i % 2 == 0;
			tabs.add(ResumingStream.open((sseFirst ? "sse-" : "ws-") + i, recipient, sseFirst));
			tabs.add(ResumingStream.open((sseFirst ? "ws-" : "sse-") + i, recipient, !sseFirst));
		}
		long killed;
		TreeSet<Long> stored;
		try (SendBurst burst = SendBurst.start(this.cluster, SENDERS, recipientId)) {
			burst.awaitAcknowledged(100);
			killed = System.nanoTime();
			this.cluster.a.kill();
			burst.awaitAcknowledged(300);
			burst.stop();
			long pause = burst.longestPauseAfter(killed);
			stored = SendBurst.storedIds(recipient);
			TreeSet<Long> unstored = new TreeSet<>(burst.acknowledged);
			unstored.removeAll(stored);
			assertThat(unstored).as("acknowledged sends missing from the database").isEmpty();
			assertThat(burst.otherAnswers).as("answers other than 201: only 502 for sends in flight on the killed one")
				.allMatch((answer) -> answer.startsWith("502"))
				.hasSizeLessThanOrEqualTo(SENDERS);
			long complete = awaitComplete(tabs, stored, Duration.ofSeconds(60));
			tabs.forEach(ResumingStream::close);

			int duplicated = 0;
			int lost = 0;
			List<String> missing = new ArrayList<>();
			List<Long> reconnects = new ArrayList<>();
			List<String> moved = new ArrayList<>();
			for (ResumingStream tab : tabs) {
				duplicated += tab.duplicates();
				TreeSet<Long> notReceived = new TreeSet<>(stored);
				notReceived.removeAll(tab.distinct());
				lost += notReceived.size();
				if (!notReceived.isEmpty()) {
					missing.add(tab.label + " " + notReceived);
				}
				reconnects.addAll(tab.reconnects());
				List<String> served = tab.servedBy(this.cluster);
				if (served.get(0).equals("a")) {
					moved.add(tab.label + " " + served);
				}
			}
			List<Long> sorted = reconnects.stream().sorted().toList();
			// The figures first, so that a failing run still shows them.
			System.out.printf("[failover] %d tabs (%d SSE + %d WS), %d on the killed instance: %s%n", tabs.size(),
					TABS_PER_TRANSPORT, TABS_PER_TRANSPORT, moved.size(), moved);
			System.out.printf(
					"[failover] sends: %d acknowledged, %d stored, %d answered 502, %d unanswered; longest pause between"
							+ " acknowledgements after the kill %d ms%n",
					burst.acknowledged.size(), stored.size(), burst.otherAnswers.size(), burst.unanswered.get(), pause);
			System.out.printf(
					"[failover] reconnects: %d, stream end -> first event on the other instance: median %d ms, max %d ms;"
							+ " every tab complete %s after the kill; lost %d (%s), duplicated %d%n",
					sorted.size(), sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2),
					sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1),
					(complete > 0) ? (complete - killed) / 1_000_000 + " ms" : "never", lost, missing, duplicated);
			assertThat(missing).as("notifications in the database that a tab never received").isEmpty();
			assertThat(duplicated).as("notifications a tab received twice").isZero();
			assertThat(moved).as("tabs that were on the killed instance: SSE and WebSocket")
				.anyMatch((tab) -> tab.startsWith("sse-"))
				.anyMatch((tab) -> tab.startsWith("ws-"))
				.allMatch((tab) -> tab.endsWith("b]"));
		}
		finally {
			tabs.forEach(ResumingStream::close);
		}
	}

	/**
	 * Waits until every tab has every stored notification; when that happened (nanoTime),
	 * or 0 when it did not within {@code timeout}.
	 */
	static long awaitComplete(List<ResumingStream> tabs, Set<Long> expected, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (tabs.stream().allMatch((tab) -> tab.distinct().containsAll(expected))) {
				return System.nanoTime();
			}
			TestThreads.pause(20);
		}
		return 0;
	}

}
