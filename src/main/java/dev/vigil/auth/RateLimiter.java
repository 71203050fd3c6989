package dev.vigil.auth;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;

import dev.vigil.cluster.SharedBuckets;
import dev.vigil.web.Problems;

/**
 * A per-minute request budget per key (client address, API key), refilled once a minute
 * (Bucket4j), with the usual {@code X-RateLimit-*} headers on every answer and
 * {@code Retry-After} on a 429.
 * <p>
 * Clustered, the budget is shared by every instance (a bucket in Redis). When Redis
 * cannot be reached the budget falls back to this instance's own bucket: the limit then
 * holds per instance, and admins can still sign in to an admin server whose Redis is
 * down.
 */
final class RateLimiter {

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final String name;

	private final int perMinute;

	private final SharedBuckets shared;

	private final BucketConfiguration configuration;

	/**
	 * @param name what the budget is for, part of its shared keys
	 */
	RateLimiter(String name, int perMinute, SharedBuckets shared) {
		this.name = name;
		this.perMinute = perMinute;
		this.shared = shared;
		this.configuration = BucketConfiguration.builder()
			.addLimit((limit) -> limit.capacity(this.perMinute).refillIntervally(this.perMinute, Duration.ofMinutes(1)))
			.build();
	}

	/**
	 * Takes one request from {@code key}'s budget; when it is spent, answers 429 and
	 * returns false.
	 */
	boolean admit(String key, HttpServletRequest request, HttpServletResponse response) throws IOException {
		ConsumptionProbe probe = consume(key);
		long now = System.currentTimeMillis();
		response.setHeader("X-RateLimit-Limit", Integer.toString(this.perMinute));
		response.setHeader("X-RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
		response.setHeader("X-RateLimit-Reset",
				Long.toString((now + TimeUnit.NANOSECONDS.toMillis(probe.getNanosToWaitForReset()) + 999) / 1000));
		if (probe.isConsumed()) {
			return true;
		}
		long retryAfter = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
		response.setHeader("Retry-After", Long.toString(retryAfter));
		Problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "too many requests, please try again later");
		return false;
	}

	private ConsumptionProbe consume(String key) {
		return this.shared.tryConsume(this.name + ":" + key, () -> this.configuration)
			.orElseGet(() -> this.buckets.computeIfAbsent(key, (k) -> newBucket()).tryConsumeAndReturnRemaining(1));
	}

	/**
	 * Full buckets carry no state worth keeping; dropping them bounds memory under key
	 * churn.
	 */
	void evictIdle() {
		this.buckets.values().removeIf((bucket) -> bucket.getAvailableTokens() >= this.perMinute);
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit((limit) -> limit.capacity(this.perMinute).refillIntervally(this.perMinute, Duration.ofMinutes(1)))
			.build();
	}

}
