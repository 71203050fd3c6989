package dev.vigil.cluster;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Buckets in Redis through Bucket4j's compare-and-swap backend for Lettuce, on a
 * connection of their own from the bus's client (same options: commands fail at once
 * while Redis is unreachable).
 */
final class RedisBuckets implements SharedBuckets, SmartLifecycle {

	/** How long a bucket stays in Redis once refilled to its capacity. */
	private static final Duration KEEP_WHEN_FULL = Duration.ofSeconds(10);

	private final StatefulRedisConnection<String, byte[]> connection;

	private final ProxyManager<String> buckets;

	private final String prefix;

	private volatile boolean running;

	RedisBuckets(ClusterProperties properties, LettuceConnectionFactory connections) {
		RedisClient client = (RedisClient) connections.getRequiredNativeClient();
		this.connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
		this.buckets = Bucket4jLettuce.casBasedBuilder(this.connection)
			.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_WHEN_FULL))
			.requestTimeout(Duration.ofSeconds(2))
			.build();
		this.prefix = properties.name() + ":bucket:";
	}

	@Override
	public Optional<Bucket> shared(String key, Supplier<BucketConfiguration> configuration) {
		return Optional.of(this.buckets.builder().build(this.prefix + key, configuration));
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.connection.close();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Closes its connection before the bus shuts the client down. */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE + 200;
	}

}
