package dev.vigil.auth;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

import dev.vigil.cluster.SharedBuckets;
import dev.vigil.web.ClientAddress;

/**
 * {@code vigil.auth.login-rate-limit} requests per minute per client address on
 * {@code /api/admin/auth/**} (Bucket4j, refilled once a minute), except the session check
 * (GET), across the cluster when clustered. Runs before security so that a flood is
 * refused before any password is hashed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class LoginRateLimitFilter extends OncePerRequestFilter {

	private static final String PATH = "/api/admin/auth";

	private final RateLimiter limiter;

	private final ClientAddress clientAddress;

	LoginRateLimitFilter(AuthProperties properties, ClientAddress clientAddress, SharedBuckets buckets) {
		this.limiter = new RateLimiter("login", properties.loginRateLimit(), buckets);
		this.clientAddress = clientAddress;
	}

	/**
	 * Matched on the decoded path, as the dispatcher routes it: on the raw URI,
	 * {@code /api/%61dmin/auth/login} reached the login unlimited.
	 */
	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
		if (isSessionCheck(request, path)) {
			return true;
		}
		return !(path.equals(PATH) || path.startsWith(PATH + "/"));
	}

	/**
	 * {@code GET /api/admin/auth} checks a cookie, no password, and the admin UI makes it
	 * on every page load: counted, reloading or a few colleagues behind one address would
	 * lock everyone out. Starting a single sign-on is a GET too, and is counted: each one
	 * holds a short HTTP session.
	 */
	private static boolean isSessionCheck(HttpServletRequest request, String path) {
		return (HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod()))
				&& !path.startsWith(PATH + "/sso/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.limiter.admit(this.clientAddress.of(request), request, response)) {
			chain.doFilter(request, response);
		}
	}

	@Scheduled(fixedDelay = 5, timeUnit = TimeUnit.MINUTES)
	void evictIdle() {
		this.limiter.evictIdle();
	}

}
