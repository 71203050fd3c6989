package dev.vigil.auth;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

import dev.vigil.web.ClientAddress;
import dev.vigil.web.Problems;

/**
 * {@code vigil.auth.login-rate-limit} requests per minute per client address on
 * {@code /api/admin/auth/**} (Bucket4j, refilled once a minute), except the session check
 * (GET). Runs before security so that a flood is refused before any password is hashed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class LoginRateLimitFilter extends OncePerRequestFilter {

	private static final String PATH = "/api/admin/auth";

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final int perMinute;

	private final ClientAddress clientAddress;

	LoginRateLimitFilter(AuthProperties properties, ClientAddress clientAddress) {
		this.perMinute = properties.loginRateLimit();
		this.clientAddress = clientAddress;
	}

	/**
	 * Matched on the decoded path, as the dispatcher routes it: on the raw URI,
	 * {@code /api/%61dmin/auth/login} reached the login unlimited.
	 */
	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (isSessionCheck(request)) {
			return true;
		}
		String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
		return !(path.equals(PATH) || path.startsWith(PATH + "/"));
	}

	/**
	 * {@code GET /api/admin/auth} checks a cookie, no password, and the admin UI makes it
	 * on every page load: counted, reloading or a few colleagues behind one address would
	 * lock everyone out.
	 */
	private static boolean isSessionCheck(HttpServletRequest request) {
		return HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Bucket bucket = this.buckets.computeIfAbsent(this.clientAddress.of(request), (key) -> newBucket());
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		long now = System.currentTimeMillis();
		response.setHeader("X-RateLimit-Limit", Integer.toString(this.perMinute));
		response.setHeader("X-RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
		response.setHeader("X-RateLimit-Reset",
				Long.toString((now + TimeUnit.NANOSECONDS.toMillis(probe.getNanosToWaitForReset()) + 999) / 1000));
		if (!probe.isConsumed()) {
			long retryAfter = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
			response.setHeader("Retry-After", Long.toString(retryAfter));
			Problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
					"too many requests, please try again later");
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * Full buckets carry no state worth keeping; dropping them bounds memory under
	 * address churn.
	 */
	@Scheduled(fixedDelay = 5, timeUnit = TimeUnit.MINUTES)
	void evictIdle() {
		this.buckets.values().removeIf((bucket) -> bucket.getAvailableTokens() >= this.perMinute);
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit((limit) -> limit.capacity(this.perMinute).refillIntervally(this.perMinute, Duration.ofMinutes(1)))
			.build();
	}

}
