package dev.vigil.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether and how this instance joins others.
 *
 * @param redisUrl the bus ({@code VIGIL_REDIS_URL}, {@code redis://} or
 * {@code rediss://}); empty: this instance is alone
 * @param name the cluster's name: the prefix of every Redis key and channel, so two
 * clusters (or two test runs) can share one Redis ({@code VIGIL_CLUSTER_NAME})
 * @param instanceName how this instance is shown ({@code VIGIL_INSTANCE_NAME}); empty:
 * the host name and port
 * @param heartbeat how often the instance renews its registry entry and checks the bus
 * @param instanceTtl how long an entry outlives its last heartbeat; also how long the bus
 * may be silent before the instance counts it as lost
 * @param allowSqlite let instances share a SQLite file: for tests on one machine only
 * (several processes on one file work there, but nothing else is shared safely)
 */
@ConfigurationProperties("vigil.cluster")
record ClusterProperties(@DefaultValue("") String redisUrl, @DefaultValue("vigil") String name,
		@DefaultValue("") String instanceName, @DefaultValue("1s") Duration heartbeat,
		@DefaultValue("5s") Duration instanceTtl, @DefaultValue("false") boolean allowSqlite) {

	boolean clustered() {
		return !this.redisUrl.isBlank();
	}

}
