package dev.vigil.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vigil.support.TestThreads;
import dev.vigil.support.VigilClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bus goes away in the middle of a burst of sends through nginx: the test's own
 * redis-server is killed ({@code kill -9}), stays down for a while, and starts again on
 * the same port, empty. Sends go on being acknowledged (the database has them), tabs on
 * the instance that took a send get it at once, the others after the instances are back
 * on the bus and catch up from the database; in the end every tab has every notification
 * exactly once: 0 lost, 0 duplicated.
 */
class ClusterBusRestartIntegrationTests {

	static final int TABS_PER_TRANSPORT = 3;

	static final Duration REDIS_DOWN = Duration.ofSeconds(3);

	private JarCluster cluster;

	@AfterEach
	void stopCluster() {
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	@Test
	void aRedisRestartInTheMiddleOfABurstLosesAndRepeatsNothing() throws Exception {
		this.cluster = JarCluster.start(Path.of("target", "cluster-it", "bus-" + UUID.randomUUID()).toAbsolutePath(),
				List.of());
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
		try (SendBurst burst = SendBurst.start(this.cluster, 3, recipientId)) {
			burst.awaitAcknowledged(100);
			this.cluster.redis.kill();
			int beforeDown = burst.acknowledged.size();
			TestThreads.pause(REDIS_DOWN.toMillis());
			int whileDown = burst.acknowledged.size() - beforeDown;
			this.cluster.redis.start();
			long restarted = System.nanoTime();
			// Recovered: every tab has what was acknowledged until Redis was back.
			TreeSet<Long> untilRestart = new TreeSet<>(burst.acknowledged);
			long recovered = ClusterFailoverIntegrationTests.awaitComplete(tabs, untilRestart, Duration.ofSeconds(60));
			burst.awaitAcknowledged(burst.acknowledged.size() + 100);
			burst.stop();
			TreeSet<Long> stored = SendBurst.storedIds(recipient);
			TreeSet<Long> unstored = new TreeSet<>(burst.acknowledged);
			unstored.removeAll(stored);
			assertThat(unstored).as("acknowledged sends missing from the database").isEmpty();
			ClusterFailoverIntegrationTests.awaitComplete(tabs, stored, Duration.ofSeconds(60));
			tabs.forEach(ResumingStream::close);
			int duplicated = tabs.stream().mapToInt(ResumingStream::duplicates).sum();
			int lost = 0;
			List<String> missing = new ArrayList<>();
			for (ResumingStream tab : tabs) {
				TreeSet<Long> notReceived = new TreeSet<>(stored);
				notReceived.removeAll(tab.distinct());
				lost += notReceived.size();
				if (!notReceived.isEmpty()) {
					missing.add(tab.label + " " + notReceived);
				}
			}
			List<String> instances = new ArrayList<>();
			tabs.forEach((tab) -> instances.addAll(tab.servedBy(this.cluster)));
			// The figures first, so that a failing run still shows them.
			System.out.printf(
					"[bus] redis-server killed after %d acknowledged sends, down %d ms (%d sends acknowledged meanwhile);"
							+ " %d stored in all; every tab (%d, on %s) had all sends acknowledged until then %s after Redis"
							+ " started again; reconnects %d; other answers %d; lost %d %s, duplicated %d%n",
					beforeDown, REDIS_DOWN.toMillis(), whileDown, stored.size(), tabs.size(), instances,
					(recovered > 0) ? (recovered - restarted) / 1_000_000 + " ms" : "never",
					tabs.stream().mapToInt((t) -> t.reconnects().size()).sum(), burst.otherAnswers.size(), lost,
					missing, duplicated);
			assertThat(burst.otherAnswers).as("answers other than 201 while the bus was away\n" + this.cluster.tails())
				.isEmpty();
			assertThat(missing).as("notifications in the database that a tab never received").isEmpty();
			assertThat(duplicated).as("notifications a tab received twice").isZero();
			assertThat(instances).as("instances the tabs were on").contains("a", "b");
		}
		finally {
			tabs.forEach(ResumingStream::close);
		}
	}

}
