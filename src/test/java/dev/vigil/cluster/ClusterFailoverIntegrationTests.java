package dev.vigil.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vigil.support.VigilClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
			TreeSet<Long> lost = new TreeSet<>(burst.acknowledged);
			lost.removeAll(stored);
			assertThat(lost).as("acknowledged sends missing from the database").isEmpty();
			assertThat(burst.otherAnswers).as("answers other than 201: only 502 for sends in flight on the killed one")
				.allMatch((answer) -> answer.startsWith("502"))
				.hasSizeLessThanOrEqualTo(SENDERS);
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> tabs.forEach(
						(tab) -> assertThat(tab.distinct()).as(tab.label).containsExactlyInAnyOrderElementsOf(stored)));
			long complete = System.nanoTime();
			tabs.forEach(ResumingStream::close);

			int lostTotal = 0;
			int duplicated = 0;
			List<Long> reconnects = new ArrayList<>();
			List<String> moved = new ArrayList<>();
			for (ResumingStream tab : tabs) {
				duplicated += tab.duplicates();
				TreeSet<Long> missing = new TreeSet<>(stored);
				missing.removeAll(tab.distinct());
				lostTotal += missing.size();
				reconnects.addAll(tab.reconnects());
				List<String> served = tab.servedBy(this.cluster);
				if (served.get(0).equals("a")) {
					moved.add(tab.label + " " + served);
					assertThat(served).as("%s after the kill", tab.label).endsWith("b");
				}
			}
			assertThat(duplicated).as("notifications a tab received twice").isZero();
			assertThat(moved).as("tabs that were on the killed instance: SSE and WebSocket")
				.anyMatch((tab) -> tab.startsWith("sse-"))
				.anyMatch((tab) -> tab.startsWith("ws-"));
			List<Long> sorted = reconnects.stream().sorted().toList();
			System.out.printf("[failover] %d tabs (%d SSE + %d WS), %d on the killed instance: %s%n", tabs.size(),
					TABS_PER_TRANSPORT, TABS_PER_TRANSPORT, moved.size(), moved);
			System.out.printf(
					"[failover] sends: %d acknowledged, %d stored, %d answered 502, %d unanswered; longest pause between"
							+ " acknowledgements after the kill %d ms%n",
					burst.acknowledged.size(), stored.size(), burst.otherAnswers.size(), burst.unanswered.get(), pause);
			System.out.printf(
					"[failover] reconnects: %d, stream end -> first event on the other instance: median %d ms, max %d ms;"
							+ " every tab complete %d ms after the kill; lost %d, duplicated %d%n",
					sorted.size(), sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2),
					sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1), (complete - killed) / 1_000_000, lostTotal,
					duplicated);
		}
		finally {
			tabs.forEach(ResumingStream::close);
		}
	}

}
