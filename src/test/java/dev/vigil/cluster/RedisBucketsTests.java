package dev.vigil.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.lettuce.core.resource.ClientResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.vigil.support.Services;

import static org.assertj.core.api.Assertions.assertThat;

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
		Bucket onA = buckets().shared("login:10.0.0.1", () -> THREE_A_MINUTE).orElseThrow();
		Bucket onB = buckets().shared("login:10.0.0.1", () -> THREE_A_MINUTE).orElseThrow();
		assertThat(onA.tryConsume(1)).isTrue();
		assertThat(onA.tryConsume(1)).isTrue();
		assertThat(onB.tryConsume(1)).isTrue();
		assertThat(onB.tryConsume(1)).isFalse();
		assertThat(onA.tryConsume(1)).isFalse();
		assertThat(buckets().shared("login:10.0.0.2", () -> THREE_A_MINUTE).orElseThrow().tryConsume(1))
			.as("another key has its own budget")
			.isTrue();

		StringRedisTemplate redis = new StringRedisTemplate(this.factories.get(0));
		String key = this.properties.name() + ":bucket:login:10.0.0.1";
		assertThat(redis.hasKey(key)).isTrue();
		assertThat(redis.getExpire(key)).as("a spent bucket expires once it could be full again").isPositive();
	}

	private RedisBuckets buckets() {
		LettuceConnectionFactory factory = ClusterConfiguration.connectionFactory(this.properties);
		this.factories.add(factory);
		RedisBuckets buckets = new RedisBuckets(this.properties, factory);
		this.buckets.add(buckets);
		return buckets;
	}

}
