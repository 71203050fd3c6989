package dev.vigil.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.resource.ClientResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisConnectionCommands;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
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
		// Written to Redis by a's own thread, a moment later.
		await().atMost(Duration.ofSeconds(5)).until(() -> b.total(KEY) == 2);
		assertThat(b.tryAdd(KEY, 3)).isTrue();
		StringRedisTemplate redis = new StringRedisTemplate(factory());
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(
					() -> assertThat(redis.opsForHash().get(this.properties.name() + ":counts:a", KEY)).isEqualTo("1"));
		assertThat(redis.opsForHash().get(this.properties.name() + ":counts:b", KEY)).isEqualTo("2");
	}

	/**
	 * A stream closes on whatever thread ended it (a hub publish, the bus's receiving
	 * thread): its release must not wait for Redis. Redis sleeps on the counts'
	 * connection, so a release that waited for it would return only after the sleep.
	 */
	@Test
	void aRemovalDoesNotWaitForRedis() {
		try (OwnRedis own = OwnRedis.onFreePort().start()) {
			ClusterProperties slow = on(own);
			LettuceConnectionFactory factory = ClusterConfiguration.connectionFactory(slow);
			this.factories.add(factory);
			RedisCounts a = new RedisCounts(slow, "a", factory);
			a.start();
			this.started.add(a);
			assertThat(a.tryAdd(KEY, 3)).isTrue();
			assertThat(a.tryAdd(KEY, 3)).isTrue();

			RedisFuture<String> sleep = debugSleep(factory, "1.5");
			a.remove(KEY);
			assertThat(sleep.isDone()).as("the removal returned while Redis slept").isFalse();

			await().atMost(Duration.ofSeconds(10)).until(() -> a.total(KEY) == 1);
		}
	}

	/**
	 * Redis that does not answer (not refusing): after one check waited out the command
	 * timeout, the others skip Redis and count this instance's share; Redis is tried
	 * again by the next renewal, and used again once it answers. Counted by Redis itself:
	 * the checks sent while it slept run when it wakes.
	 */
	@Test
	void whileRedisDoesNotAnswerChecksSkipItUntilItAnswersAgain() {
		try (OwnRedis own = OwnRedis.onFreePort().start()) {
			// Shares that outlive the sleep without renewals: only a's checks reach
			// Redis.
			ClusterProperties slow = new ClusterProperties(own.url(), this.properties.name(), "",
					Duration.ofMillis(200), Duration.ofMinutes(1), true);
			LettuceConnectionFactory factory = ClusterConfiguration.connectionFactory(slow);
			this.factories.add(factory);
			RedisCounts a = new RedisCounts(slow, "a", factory);
			RedisCounts b = counts(slow, "b");
			StringRedisTemplate other = new StringRedisTemplate(ClusterConfiguration.connectionFactory(slow));
			this.factories.add((LettuceConnectionFactory) other.getConnectionFactory());
			assertThat(a.tryAdd(KEY, 3)).isTrue();
			assertThat(b.tryAdd(KEY, 3)).isTrue();
			StringRedisTemplate redis = new StringRedisTemplate(factory);
			redis.execute((RedisCallback<Object>) (connection) -> {
				connection.serverCommands().resetConfigStats();
				return null;
			});

			debugSleep(factory, "4");
			assertThat(a.tryAdd(KEY, 3)).as("this instance's share (1) is under the cap").isTrue();
			assertThat(a.tryAdd(KEY, 3)).isTrue();
			assertThat(a.tryAdd(KEY, 3)).as("this instance's share is at the cap").isFalse();
			assertThat(a.total(KEY)).isEqualTo(3);
			a.remove(KEY);

			await().atMost(Duration.ofSeconds(10))
				.ignoreExceptions()
				.until(() -> "PONG".equals(other.execute(RedisConnectionCommands::ping)));
			// Queued on the same connection: runs after whatever was sent while Redis
			// slept.
			Properties stats = redis
				.execute((RedisCallback<Properties>) (connection) -> connection.serverCommands().info("commandstats"));
			assertThat(stats.getProperty("cmdstat_evalsha")).as("one script while Redis slept").startsWith("calls=1,");

			a.start();
			this.started.add(a);
			await().atMost(Duration.ofSeconds(10)).until(() -> a.total(KEY) == 3);
			assertThat(a.tryAdd(KEY, 3)).as("the cluster's count again (a's 2, b's 1)").isFalse();
		}
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

	private ClusterProperties on(OwnRedis redis) {
		return new ClusterProperties(redis.url(), this.properties.name(), "", Duration.ofMillis(200),
				Duration.ofSeconds(1), true);
	}

	/**
	 * Redis sleeps, sent on the factory's shared connection: what the counts send on it
	 * next waits behind.
	 */
	@SuppressWarnings("unchecked")
	static RedisFuture<String> debugSleep(LettuceConnectionFactory factory, String seconds) {
		RedisAsyncCommands<byte[], byte[]> commands = (RedisAsyncCommands<byte[], byte[]>) factory.getConnection()
			.getNativeConnection();
		return commands.dispatch(CommandType.DEBUG, new StatusOutput<>(ByteArrayCodec.INSTANCE),
				new CommandArgs<>(ByteArrayCodec.INSTANCE).add("SLEEP").add(seconds));
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
