package dev.vigil.cluster;

import java.util.Optional;
import java.util.function.Supplier;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Bucket4j buckets that every instance of a cluster shares (Bucket4j's distributed
 * backend over Lettuce), so that a rate limit holds cluster-wide. Keys carry the cluster
 * name; a bucket refilled to its capacity expires from Redis.
 */
public interface SharedBuckets {

	/**
	 * Takes one token from the bucket under {@code key} shared by every instance, made
	 * with {@code configuration} if it does not exist. Empty alone, and while Redis
	 * cannot be reached: callers then use buckets of their own, in memory.
	 */
	Optional<ConsumptionProbe> tryConsume(String key, Supplier<BucketConfiguration> configuration);

	/** None: an instance alone. */
	static SharedBuckets none() {
		return (key, configuration) -> Optional.empty();
	}

}
