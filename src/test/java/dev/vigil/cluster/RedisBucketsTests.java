package dev.vigil.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import io.github.bucket4j.BucketConfiguration;
import io.lettuce.core.resource.ClientResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisConnectionCommands;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.vigil.support.Services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Buckets of two instances on the machine's Redis, under a cluster name of their own. */
class RedisBucketsTests {

	private static final BucketConfiguration THREE_A_MINUTE = BucketConfiguration.builder()
		.addLimit((limit) -> limit.capacity(3).refillIntervally(3, Duration.ofMinutes(1)))
		.build();

	private final ClusterProperties properties = new ClusterProperties(Services.REDIS_URL, "test-" + UUID.randomUUID(),
			"", Duration.ofSeconds(1), Duration.ofSeconds(5), true);

	private final List<LettuceConnectionFactory> factories = new ArrayList<>();

	private final List<RedisBuckets> buckets = new ArrayList<>();

	@BeforeEach
	void redis() {
		Services.requireRedis();
	}

	@AfterEach
	void stop() {
		this.buckets.forEach(RedisBuckets::stop);
		this.factories.forEach((factory) -> {
			factory.destroy();
			factory.getClientConfiguration().getClientResources().ifPresent(ClientResources::shutdown);
		});
	}

	@Test
	void twoInstancesSpendOneBudgetUnderTheClusterName() {
		RedisBuckets a = buckets(this.properties);
		RedisBuckets b = buckets(this.properties);
		assertThat(consumed(a, "login:10.0.0.1")).isTrue();
		assertThat(consumed(a, "login:10.0.0.1")).isTrue();
		assertThat(consumed(b, "login:10.0.0.1")).isTrue();
		assertThat(consumed(b, "login:10.0.0.1")).isFalse();
		assertThat(consumed(a, "login:10.0.0.1")).isFalse();
		assertThat(consumed(buckets(this.properties), "login:10.0.0.2")).as("another key has its own budget").isTrue();

		StringRedisTemplate redis = new StringRedisTemplate(this.factories.get(0));
		String key = this.properties.name() + ":bucket:login:10.0.0.1";
		assertThat(redis.hasKey(key)).isTrue();
		assertThat(redis.getExpire(key)).as("a spent bucket expires once it could be full again").isPositive();
	}

	/**
	 * A clustered instance starts while Redis is down: no connection at start, no shared
	 * bucket (callers use their own) until Redis is up, then the shared one.
	 */
	@Test
	void madeWhileRedisIsDownTheyAreSharedOnceItIsUp() {
		try (OwnRedis own = OwnRedis.onFreePort()) {
			ClusterProperties down = new ClusterProperties(own.url(), this.properties.name(), "",
					Duration.ofMillis(200), Duration.ofSeconds(5), true);
			RedisBuckets buckets = buckets(down);
			assertThat(buckets.tryConsume("login:10.0.0.1", () -> THREE_A_MINUTE)).isEmpty();
			own.start();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> buckets.tryConsume("login:10.0.0.1", () -> THREE_A_MINUTE).isPresent());
		}
	}

	/**
	 * Redis that does not answer: after one request waited out the command timeout, the
	 * others skip Redis (their callers use their own buckets) until a retry a heartbeat
	 * later finds it answering. Counted by Redis itself: what was sent while it slept
	 * runs when it wakes.
	 */
	@Test
	void whileRedisDoesNotAnswerRequestsSkipIt() {
		try (OwnRedis own = OwnRedis.onFreePort().start()) {
			ClusterProperties slow = new ClusterProperties(own.url(), this.properties.name(), "",
					Duration.ofSeconds(30), Duration.ofSeconds(60), true);
			RedisBuckets buckets = buckets(slow);
			assertThat(consumed(buckets, "login:10.0.0.1")).isTrue();
			StringRedisTemplate redis = new StringRedisTemplate(this.factories.get(0));
			redis.execute((RedisCallback<Object>) (connection) -> {
				connection.serverCommands().resetConfigStats();
				return null;
			});

			// On another connection: the first request may pass before Redis sleeps.
			RedisCountsTests.debugSleep(this.factories.get(0), "4");
			for (int i = 0; i < 6; i++) {
				buckets.tryConsume("login:10.0.0.1", () -> THREE_A_MINUTE);
			}
			await().atMost(Duration.ofSeconds(10))
				.ignoreExceptions()
				.until(() -> "PONG".equals(redis.execute(RedisConnectionCommands::ping)));
			Properties stats = redis
				.execute((RedisCallback<Properties>) (connection) -> connection.serverCommands().info("commandstats"));
			long sent = stats.stringPropertyNames()
				.stream()
				.filter((name) -> !name.startsWith("cmdstat_info") && !name.startsWith("cmdstat_ping")
						&& !name.startsWith("cmdstat_config") && !name.startsWith("cmdstat_debug"))
				.mapToLong((name) -> Long.parseLong(stats.getProperty(name).replaceAll("^calls=(\\d+),.*", "$1")))
				.sum();
			// One request, or two when the first passed before Redis slept: Bucket4j
			// reads the
			// bucket, then swaps it.
			assertThat(sent).as("requests sent while Redis slept: %s", stats).isLessThanOrEqualTo(3);
		}
	}

	private static boolean consumed(RedisBuckets buckets, String key) {
		return buckets.tryConsume(key, () -> THREE_A_MINUTE).orElseThrow().isConsumed();
	}

	private RedisBuckets buckets(ClusterProperties properties) {
		LettuceConnectionFactory factory = ClusterConfiguration.connectionFactory(properties);
		this.factories.add(factory);
		RedisBuckets buckets = new RedisBuckets(properties, factory);
		buckets.start();
		this.buckets.add(buckets);
		return buckets;
	}

}
