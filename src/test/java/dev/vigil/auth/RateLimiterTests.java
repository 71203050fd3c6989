package dev.vigil.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.bucket4j.Bucket;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.vigil.cluster.SharedBuckets;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a budget lives: shared when there is a shared bucket, else in memory. */
class RateLimiterTests {

	@Test
	void aSharedBucketIsUsedUnderTheLimitersNameAndTheKey() throws Exception {
		List<String> keys = new ArrayList<>();
		Bucket shared = Bucket.builder()
			.addLimit((limit) -> limit.capacity(1).refillGreedy(1, Duration.ofHours(1)))
			.build();
		SharedBuckets buckets = (key, configuration) -> {
			keys.add(key);
			return Optional.of(shared.tryConsumeAndReturnRemaining(1));
		};
		RateLimiter limiter = new RateLimiter("login", 5, buckets);
		assertThat(admit(limiter, "10.0.0.1").getStatus()).isEqualTo(200);
		MockHttpServletResponse refused = admit(limiter, "10.0.0.1");
		assertThat(refused.getStatus()).as("the shared bucket's budget (1), not this limiter's (5)").isEqualTo(429);
		assertThat(keys).containsExactly("login:10.0.0.1", "login:10.0.0.1");
	}

	@Test
	void whenTheSharedBucketsAreUnreachableTheBudgetIsThisInstancesOwn() throws Exception {
		AtomicInteger attempts = new AtomicInteger();
		SharedBuckets unreachable = (key, configuration) -> {
			attempts.incrementAndGet();
			return Optional.empty();
		};
		RateLimiter limiter = new RateLimiter("login", 2, unreachable);
		assertThat(admit(limiter, "10.0.0.1").getStatus()).isEqualTo(200);
		MockHttpServletResponse second = admit(limiter, "10.0.0.1");
		assertThat(second.getStatus()).isEqualTo(200);
		assertThat(second.getHeader("X-RateLimit-Remaining")).isEqualTo("0");
		assertThat(admit(limiter, "10.0.0.1").getStatus()).as("open to a limit, never unlimited").isEqualTo(429);
		assertThat(attempts).as("the shared buckets are asked each time").hasValue(3);
	}

	@Test
	void aloneTheBudgetIsInMemory() throws Exception {
		RateLimiter limiter = new RateLimiter("api-key", 1, SharedBuckets.none());
		assertThat(admit(limiter, "key:1").getStatus()).isEqualTo(200);
		assertThat(admit(limiter, "key:1").getStatus()).isEqualTo(429);
		assertThat(admit(limiter, "key:2").getStatus()).isEqualTo(200);
	}

	private static MockHttpServletResponse admit(RateLimiter limiter, String key) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		if (limiter.admit(key, new MockHttpServletRequest("POST", "/api/admin/auth/login"), response)) {
			response.setStatus(200);
		}
		return response;
	}

}
