package dev.vigil.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.lettuce.core.resource.ClientResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.vigil.support.Services;
import dev.vigil.support.VigilProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shares of two instances on the machine's Redis, under a cluster name of their own, with
 * a short TTL.
 */
class RedisCountsTests {

	private static final String KEY = "streams:admin:1";

	private final ClusterProperties properties = new ClusterProperties(Services.REDIS_URL, "test-" + UUID.randomUUID(),
			"", Duration.ofMillis(200), Duration.ofSeconds(1), true);

	private final List<LettuceConnectionFactory> factories = new ArrayList<>();

	private final List<RedisCounts> started = new ArrayList<>();

	@BeforeEach
	void redis() {
		Services.requireRedis();
	}

	@AfterEach
	void stop() {
		this.started.forEach(RedisCounts::stop);
		this.factories.forEach((factory) -> {
			factory.destroy();
			factory.getClientConfiguration().getClientResources().ifPresent(ClientResources::shutdown);
		});
	}

	@Test
	void theCapHoldsAcrossInstancesAndARemovalFreesASlotForAnother() {
		RedisCounts a = counts(this.properties, "a");
		RedisCounts b = counts(this.properties, "b");
		assertThat(a.tryAdd(KEY, 3)).isTrue();
		assertThat(a.tryAdd(KEY, 3)).isTrue();
		assertThat(b.tryAdd(KEY, 3)).isTrue();
		assertThat(b.tryAdd(KEY, 3)).isFalse();
		assertThat(a.tryAdd(KEY, 3)).isFalse();
		assertThat(a.total(KEY)).isEqualTo(3);
		assertThat(b.tryAdd("streams:admin:2", 3)).as("another key has its own count").isTrue();

		a.remove(KEY);
		assertThat(b.total(KEY)).isEqualTo(2);
		assertThat(b.tryAdd(KEY, 3)).isTrue();
		assertThat(a.own()).containsEntry(KEY, 1);
		assertThat(b.own()).containsEntry(KEY, 2);
	}

	@Test
	void concurrentAddsFromTwoInstancesNeverPassTheCap() throws Exception {
		RedisCounts a = counts(this.properties, "a");
		RedisCounts b = counts(this.properties, "b");
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Boolean>> attempts = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				RedisCounts counts = (i % 2 == 0) ? a : b;
				attempts.add(() -> counts.tryAdd(KEY, 10));
			}
			long added = 0;
			for (Future<Boolean> attempt : pool.invokeAll(attempts)) {
				added += attempt.get() ? 1 : 0;
			}
			assertThat(added).isEqualTo(10);
			assertThat(a.total(KEY)).isEqualTo(10);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void theShareOfAnInstanceThatStopsRenewingExpires() {
		RedisCounts dead = counts(this.properties, "dead");
		RedisCounts live = counts(this.properties, "live");
		live.start();
		this.started.add(live);
		assertThat(dead.tryAdd(KEY, 2)).isTrue();
		assertThat(dead.tryAdd(KEY, 2)).isTrue();
		assertThat(live.tryAdd(KEY, 2)).isFalse();
		// Never started: nothing renews its share, as after kill -9.
		await().atMost(Duration.ofSeconds(10)).until(() -> live.tryAdd(KEY, 2));
		assertThat(live.total(KEY)).isEqualTo(1);
	}

	@Test
	void aShareLostInRedisIsWrittenAgainFromMemory() {
		RedisCounts a = counts(this.properties, "a");
		a.start();
		this.started.add(a);
		assertThat(a.tryAdd(KEY, 5)).isTrue();
		assertThat(a.tryAdd(KEY, 5)).isTrue();
		StringRedisTemplate redis = new StringRedisTemplate(factory());
		redis.delete(redis.keys(this.properties.name() + ":counts*"));
		assertThat(a.total(KEY)).isZero();
		await().atMost(Duration.ofSeconds(5)).until(() -> a.total(KEY) == 2);
	}

	@Test
	void withoutRedisTheCapHoldsForThisInstanceOnly() {
		int nobody = VigilProcess.freePort();
		ClusterProperties unreachable = new ClusterProperties("redis://127.0.0.1:" + nobody, this.properties.name(), "",
				Duration.ofMillis(200), Duration.ofSeconds(1), true);
		RedisCounts alone = counts(unreachable, "alone");
		assertThat(alone.tryAdd(KEY, 2)).isTrue();
		assertThat(alone.tryAdd(KEY, 2)).isTrue();
		assertThat(alone.tryAdd(KEY, 2)).isFalse();
		assertThat(alone.total(KEY)).isEqualTo(2);
		alone.remove(KEY);
		assertThat(alone.tryAdd(KEY, 2)).isTrue();
	}

	private RedisCounts counts(ClusterProperties properties, String id) {
		LettuceConnectionFactory factory = ClusterConfiguration.connectionFactory(properties);
		this.factories.add(factory);
		return new RedisCounts(properties, id, factory);
	}

	private LettuceConnectionFactory factory() {
		LettuceConnectionFactory factory = ClusterConfiguration.connectionFactory(this.properties);
		this.factories.add(factory);
		return factory;
	}

}
