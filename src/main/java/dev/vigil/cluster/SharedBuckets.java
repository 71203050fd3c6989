package dev.vigil.cluster;

import java.util.Optional;
import java.util.function.Supplier;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/**
 * Bucket4j buckets that every instance of a cluster shares (Bucket4j's distributed
 * backend over Lettuce), so that a rate limit holds cluster-wide. Keys carry the cluster
 * name; a bucket refilled to its capacity expires from Redis.
 */
public interface SharedBuckets {

	/**
	 * The bucket under {@code key} shared by every instance, made with
	 * {@code configuration} if it does not exist; empty alone, where callers keep their
	 * buckets in memory. Its operations throw when Redis cannot be reached.
	 */
	Optional<Bucket> shared(String key, Supplier<BucketConfiguration> configuration);

}
