package dev.vigil.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Alone unless {@code VIGIL_REDIS_URL} is set. Spring Boot's Redis auto-configuration is
 * not on the class path (only Spring Data Redis and Lettuce are): a single instance opens
 * no Redis connection and shows no Redis health.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClusterProperties.class)
class ClusterConfiguration {

	@Bean
	InstanceIdentity instanceIdentity(ClusterProperties properties, Environment environment) {
		String name = properties.instanceName();
		if (name.isBlank()) {
			name = hostName() + ":"
					+ environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
		}
		return InstanceIdentity.create(name);
	}

	/**
	 * The one Redis client of the instance, clustered only. Stops after the bus and the
	 * shared state that use it (lower phases stop later).
	 */
	@Bean
	@Conditional(Clustered.class)
	LettuceConnectionFactory clusterRedis(ClusterProperties properties) {
		LettuceConnectionFactory factory = newConnectionFactory(properties);
		factory.setPhase(Integer.MIN_VALUE + 50);
		return factory;
	}

	@Bean
	ClusterNode cluster(ClusterProperties properties, InstanceIdentity identity, JsonMapper json,
			Environment environment, ObjectProvider<LettuceConnectionFactory> redis) {
		if (!properties.clustered()) {
			return new Alone(identity);
		}
		requireSharedState(properties, environment);
		return new RedisCluster(properties, identity, redis.getObject(), json);
	}

	/** Alone: this process's counts. Takes the node to start after its checks. */
	@Bean
	SharedCounts sharedCounts(ClusterProperties properties, ClusterNode node,
			ObjectProvider<LettuceConnectionFactory> redis) {
		LettuceConnectionFactory connections = redis.getIfAvailable();
		return (connections != null) ? new RedisCounts(properties, node.instanceId(), connections)
				: SharedCounts.inMemory();
	}

	/**
	 * Alone: none (callers keep their buckets in memory). Takes the node to start after
	 * its checks.
	 */
	@Bean
	SharedBuckets sharedBuckets(ClusterProperties properties, ClusterNode node,
			ObjectProvider<LettuceConnectionFactory> redis) {
		LettuceConnectionFactory connections = redis.getIfAvailable();
		return (connections != null) ? new RedisBuckets(properties, connections) : SharedBuckets.none();
	}

	/**
	 * Several instances must share their signing key; refusing to start beats sessions
	 * that work on one instance only. (That they share a PostgreSQL database is checked
	 * by the storage module, which builds the DataSource.)
	 */
	private static void requireSharedState(ClusterProperties properties, Environment environment) {
		if (environment.getProperty("vigil.auth.signing-key", "").isBlank()) {
			throw new IllegalStateException(
					"VIGIL_REDIS_URL is set (several instances) but VIGIL_AUTH_SIGNING_KEY is not: every instance must sign with the same key");
		}
	}

	/** A started factory, for tests that build the bus by hand. */
	static LettuceConnectionFactory connectionFactory(ClusterProperties properties) {
		LettuceConnectionFactory factory = newConnectionFactory(properties);
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	private static LettuceConnectionFactory newConnectionFactory(ClusterProperties properties) {
		RedisURI uri = RedisURI.create(properties.redisUrl());
		LettuceClientConfiguration.LettuceClientConfigurationBuilder client = LettuceClientConfiguration.builder()
			// Its own resources: the bus watches their events for disconnects.
			.clientResources(DefaultClientResources.builder()
				// Lettuce's default grows to 30 s between attempts: recovery after an
				// outage would wait that long.
				.reconnectDelay(
						Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
				.build())
			.commandTimeout(Duration.ofSeconds(2))
			// Fail at once while disconnected: a queued publish would arrive late, after
			// the others already caught up from the database.
			.clientOptions(ClientOptions.builder()
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
				.socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
				.build());
		if (uri.isSsl()) {
			client.useSsl();
		}
		return new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(uri), client.build());
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "vigil";
		}
	}

}
