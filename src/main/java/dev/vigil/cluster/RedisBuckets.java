package dev.vigil.cluster;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Buckets in Redis through Bucket4j's compare-and-swap backend for Lettuce, on a
 * connection of their own from the bus's client (same options: commands fail at once
 * while Redis is unreachable). The connection is made at the first use, not at start: an
 * instance must start while Redis is down, its limits then per instance. While Redis
 * fails, requests skip it and Redis is tried again once per heartbeat ({@link Outage}).
 */
final class RedisBuckets implements SharedBuckets, SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(RedisBuckets.class);

	/** How long a bucket stays in Redis once refilled to its capacity. */
	private static final Duration KEEP_WHEN_FULL = Duration.ofSeconds(10);

	private final LettuceConnectionFactory connections;

	private final String prefix;

	private final Outage outage;

	private @Nullable StatefulRedisConnection<String, byte[]> connection;

	private volatile @Nullable ProxyManager<String> buckets;

	private volatile boolean running;

	RedisBuckets(ClusterProperties properties, LettuceConnectionFactory connections) {
		this.connections = connections;
		this.prefix = properties.name() + ":bucket:";
		this.outage = new Outage(logger, "Shared rate limits", "limiting per instance",
				properties.heartbeat().toMillis());
	}

	@Override
	public Optional<ConsumptionProbe> tryConsume(String key, Supplier<BucketConfiguration> configuration) {
		if (!this.outage.tryRedis()) {
			return Optional.empty();
		}
		try {
			ConsumptionProbe probe = buckets().builder()
				.build(this.prefix + key, configuration)
				.tryConsumeAndReturnRemaining(1);
			this.outage.succeeded();
			return Optional.of(probe);
		}
		catch (RuntimeException ex) {
			this.outage.failed(ex);
			return Optional.empty();
		}
	}

	/** Connects at the first call; once connected, Lettuce reconnects by itself. */
	private ProxyManager<String> buckets() {
		ProxyManager<String> buckets = this.buckets;
		if (buckets != null) {
			return buckets;
		}
		synchronized (this) {
			if (this.buckets == null) {
				if (!this.running) {
					throw new IllegalStateException("shared rate limits are stopped");
				}
				RedisClient client = (RedisClient) this.connections.getRequiredNativeClient();
				this.connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
				this.buckets = Bucket4jLettuce.casBasedBuilder(this.connection)
					.expirationAfterWrite(
							ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_WHEN_FULL))
					.requestTimeout(Duration.ofSeconds(2))
					.build();
			}
			return this.buckets;
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		synchronized (this) {
			this.running = false;
			if (this.connection != null) {
				this.connection.close();
			}
		}
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
