package dev.vigil.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.vigil.support.Services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two nodes on the machine's Redis, under a cluster name of their own. */
class RedisClusterTests {

	private final String name = "test-" + UUID.randomUUID();

	private RedisCluster a;

	private RedisCluster b;

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

	private void awaitBothLive() {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.a.live().size() == 2 && this.b.live().size() == 2 && this.a.echoed() && this.b.echoed());
	}

	private RedisCluster node(String instanceName) {
		ClusterProperties properties = new ClusterProperties(Services.REDIS_URL, this.name, instanceName,
				Duration.ofMillis(200), Duration.ofSeconds(2), false);
		RedisCluster node = new RedisCluster(properties, InstanceIdentity.create(instanceName),
				ClusterConfiguration.connectionFactory(properties), JsonMapper.builder().build());
		node.start();
		return node;
	}

}
