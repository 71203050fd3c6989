package dev.vigil.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.vigil.support.Services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two nodes on the machine's Redis, under a cluster name of their own. */
class RedisClusterTests {

	private final String name = "test-" + UUID.randomUUID();

	private RedisCluster a;

	private RedisCluster b;

	private RedisCluster c;

	record Ping(long id, String text) {
	}

	@BeforeEach
	void start() {
		Services.requireRedis();
		this.a = node("a");
		this.b = node("b");
	}

	@AfterEach
	void stop() {
		if (this.a != null) {
			this.a.stop();
		}
		if (this.b != null) {
			this.b.stop();
		}
		if (this.c != null) {
			this.c.stop();
		}
	}

	@Test
	void aMessageReachesTheOtherInstanceOnlyOnce() {
		List<Ping> atA = new CopyOnWriteArrayList<>();
		List<Ping> atB = new CopyOnWriteArrayList<>();
		this.a.subscribe("ping", Ping.class, atA::add);
		this.b.subscribe("ping", Ping.class, atB::add);
		awaitBothLive();
		this.a.publish("ping", new Ping(1, "from a"));
		await().atMost(Duration.ofSeconds(5)).until(() -> atB.size() == 1);
		assertThat(atB).containsExactly(new Ping(1, "from a"));
		assertThat(atA).as("a node never receives its own message").isEmpty();
	}

	@Test
	void eachInstanceSeesBothInTheRegistryWithTheirDetails() {
		this.b.describe("streams", () -> 7);
		awaitBothLive();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> Instances.number(this.a.find(this.b.instanceId()).orElseThrow().details(), "streams") == 7);
		assertThat(this.a.find(this.b.instanceId()).orElseThrow().name()).isEqualTo("b");
		this.b.stop();
		this.b = null;
		await().atMost(Duration.ofSeconds(10)).until(() -> this.a.live().size() == 1);
	}

	@Test
	void anEchoGapCountsAsALossAndRecoveryRunsOnBothNodes() {
		List<Instant> recoveredA = new CopyOnWriteArrayList<>();
		List<Instant> recoveredB = new CopyOnWriteArrayList<>();
		this.a.onRecovered(recoveredA::add);
		this.b.onRecovered(recoveredB::add);
		awaitBothLive();
		// As if echoes had been missed: the next one arrives out of sequence.
		this.a.skipEchoesForTest(3);
		await().atMost(Duration.ofSeconds(10)).until(() -> !recoveredA.isEmpty() && !recoveredB.isEmpty());
		assertThat(this.a.connected()).isTrue();
	}

	@Test
	void recoveryIsRunOnceEverywhereAndSaysWhoseLossItWas() throws InterruptedException {
		List<String> recoveredA = new CopyOnWriteArrayList<>();
		List<String> recoveredB = new CopyOnWriteArrayList<>();
		this.a.onRecoveredFrom((origin, since) -> recoveredA.add(origin));
		this.b.onRecoveredFrom((origin, since) -> recoveredB.add(origin));
		awaitBothLive();
		this.a.skipEchoesForTest(3);
		await().atMost(Duration.ofSeconds(10)).until(() -> !recoveredA.isEmpty() && !recoveredB.isEmpty());
		// The announcement is repeated on the next heartbeats (200 ms apart here).
		Thread.sleep(1500);
		assertThat(recoveredA).containsExactly(this.a.instanceId());
		assertThat(recoveredB).as("repeated announcements run the recoveries once")
			.containsExactly(this.a.instanceId());
	}

	@Test
	void lossyMessagesReachOnlyTheExactSubscriberAndNeverCountAsALoss() {
		List<Ping> exact = new CopyOnWriteArrayList<>();
		List<Ping> pattern = new CopyOnWriteArrayList<>();
		List<Instant> recovered = new CopyOnWriteArrayList<>();
		this.a.onRecovered(recovered::add);
		this.b.subscribeLossy("logs.lines.w1", Ping.class, exact::add);
		this.b.subscribe("logs.lines.w2", Ping.class, pattern::add);
		awaitBothLive();
		this.a.publishLossy("logs.lines.w1", new Ping(1, "line"), () -> {
		});
		this.a.publishLossy("logs.lines.w2", new Ping(2, "line"), () -> {
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> exact.size() == 1);
		assertThat(pattern).as("lossy messages are on exact channels only").isEmpty();
		// More than the whole budget in one message is refused whatever the bus's speed;
		// then far more than the budget at once: what does not fit is dropped, and that
		// is all.
		AtomicInteger done = new AtomicInteger();
		assertThat(this.a.publishLossy("logs.lines.w1", new Ping(0, "x".repeat((int) RedisCluster.LOSSY_BUDGET + 1)),
				done::incrementAndGet))
			.isFalse();
		int refused = 1;
		String big = "x".repeat(1024 * 1024);
		for (int i = 1; i <= 40; i++) {
			if (!this.a.publishLossy("logs.lines.w1", new Ping(i, big), done::incrementAndGet)) {
				refused++;
			}
		}
		int total = 41;
		await().atMost(Duration.ofSeconds(20)).until(() -> done.get() == total);
		assertThat(this.a.lossyDropped()).isGreaterThanOrEqualTo(refused);
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		new ClusterBusMetrics(this.a, meters);
		assertThat(meters.get("vigil.cluster.bus.dropped").tag("path", "lossy").functionCounter().count())
			.isEqualTo(this.a.lossyDropped());
		assertThat(meters.get("vigil.cluster.bus.lost").gauge().value()).isZero();
		assertThat(this.a.dropped()).isZero();
		assertThat(this.a.connected()).isTrue();
		// In order after the big ones: once it is in, all that was sent is.
		this.a.publishLossy("logs.lines.w1", new Ping(98, "last"), () -> {
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> exact.contains(new Ping(98, "last")));
		this.b.unsubscribe("logs.lines.w1");
		int received = exact.size();
		this.a.publishLossy("logs.lines.w1", new Ping(99, "after"), () -> {
		});
		this.a.publish("ping", new Ping(100, "marker"));
		List<Ping> marker = new CopyOnWriteArrayList<>();
		this.b.subscribe("ping", Ping.class, marker::add);
		this.a.publish("ping", new Ping(101, "marker"));
		await().atMost(Duration.ofSeconds(5)).until(() -> !marker.isEmpty());
		assertThat(exact).hasSize(received);
		assertThat(recovered).isEmpty();
	}

	@Test
	void aWatchAfterAnEndedOneGetsItsMessages() {
		awaitBothLive();
		for (int round = 0; round < 3; round++) {
			String topic = "logs.lines.r" + round;
			List<Ping> got = new CopyOnWriteArrayList<>();
			this.b.subscribeLossy(topic, Ping.class, got::add);
			this.a.publishLossy(topic, new Ping(round, "line"), () -> {
			});
			await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 1);
			this.b.unsubscribe(topic);
		}
	}

	@Test
	void anInstanceThatVanishesMakesTheOthersCatchUpFromItsLastHeartbeat() {
		List<String> recovered = new CopyOnWriteArrayList<>();
		this.a.onRecoveredFrom((origin, since) -> recovered.add(origin));
		awaitBothLive();
		String b = this.b.instanceId();
		this.b.vanishForTest();
		await().atMost(Duration.ofSeconds(10)).until(() -> recovered.contains(b));
		assertThat(this.a.live()).extracting(Instance::id).doesNotContain(b);
	}

	@Test
	void anInstanceThatStopsOnPurposeLeavesNothingToCatchUp() {
		List<String> recovered = new CopyOnWriteArrayList<>();
		this.a.onRecoveredFrom((origin, since) -> recovered.add(origin));
		awaitBothLive();
		this.b.stop();
		this.b = null;
		await().atMost(Duration.ofSeconds(10)).until(() -> this.a.live().size() == 1);
		this.c = node("c");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.a.live().size() == 2);
		assertThat(recovered).isEmpty();
	}

	@Test
	void liveTrustsTheEntriesTtlNotAnotherClockAndSkipsEntriesItCannotRead() {
		awaitBothLive();
		ClusterProperties properties = properties("test");
		LettuceConnectionFactory connections = ClusterConfiguration.connectionFactory(properties);
		try {
			StringRedisTemplate redis = new StringRedisTemplate(connections);
			long aMinuteAgo = System.currentTimeMillis() - 60_000;
			redis.opsForValue()
				.set(this.name + ":instance:skewed", "{\"id\":\"skewed\",\"name\":\"skewed\",\"startedAt\":"
						+ aMinuteAgo + ",\"seenAt\":" + aMinuteAgo + ",\"details\":{}}", Duration.ofSeconds(30));
			redis.opsForValue().set(this.name + ":instance:broken", "not json", Duration.ofSeconds(30));
			redis.opsForSet().add(this.name + ":instances", "skewed", "broken");
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(this.a.live()).extracting(Instance::id)
					.contains("skewed", this.b.instanceId()));
			redis.delete(List.of(this.name + ":instance:skewed", this.name + ":instance:broken"));
		}
		finally {
			connections.destroy();
		}
	}

	private void awaitBothLive() {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.a.live().size() == 2 && this.b.live().size() == 2 && this.a.echoed() && this.b.echoed());
	}

	private ClusterProperties properties(String instanceName) {
		return new ClusterProperties(Services.REDIS_URL, this.name, instanceName, Duration.ofMillis(200),
				Duration.ofSeconds(2), false);
	}

	private RedisCluster node(String instanceName) {
		ClusterProperties properties = properties(instanceName);
		RedisCluster node = new RedisCluster(properties, InstanceIdentity.create(instanceName),
				ClusterConfiguration.connectionFactory(properties), JsonMapper.builder().build());
		node.start();
		return node;
	}

}
