package dev.vigil.web;

import java.io.InputStream;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * ETags on the API's JSON reads: a repeated GET whose answer did not change is a 304 with
 * no body (the reference's ETag middleware). The body is buffered to hash it, so streams
 * and file downloads are never filtered: a stream would never be sent, a large file would
 * sit in memory. Ordered after Spring Security's chain, so only answers the caller was
 * allowed to get are tagged.
 * <p>
 * A tagged answer is {@code Cache-Control: private, no-cache} instead of Spring
 * Security's {@code no-store}: the browser keeps it (never a shared cache) and asks again
 * every time, which is what makes the 304 possible; sign-out clears the browser's cache
 * ({@code Clear-Site-Data}).
 */
@Component
@Order(0)
class JsonEtagFilter extends ShallowEtagHeaderFilter {

	static final String CACHE_CONTROL = "private, no-cache";

	/**
	 * Weak: Tomcat never compresses an answer with a strong ETag (a strong tag promises
	 * the exact bytes), and a weak one is what a JSON document's revalidation needs.
	 */
	JsonEtagFilter() {
		setWriteWeakETag(true);
	}

	/** Downloads: answers that are files, not JSON documents. */
	private static final List<PathPattern> FILES = List
		.of("/api/*/logs/files/*", "/api/admin/backups/*", "/api/admin/queue/exports/*")
		.stream()
		.map(PathPatternParser.defaultInstance::parse)
		.toList();

	/** Last path segments of live streams and CSV exports. */
	private static final List<String> NOT_DOCUMENT_ENDINGS = List.of("/stream", "/sse", "/export");

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String method = request.getMethod();
		if (!method.equals("GET") && !method.equals("HEAD")) {
			return true;
		}
		String path = request.getRequestURI();
		if (!path.startsWith("/api/")) {
			return true;
		}
		if (NOT_DOCUMENT_ENDINGS.stream().anyMatch(path::endsWith)) {
			return true;
		}
		PathContainer container = PathContainer.parsePath(path);
		return FILES.stream().anyMatch((pattern) -> pattern.matches(container));
	}

	@Override
	protected boolean isEligibleForEtag(HttpServletRequest request, HttpServletResponse response,
			int responseStatusCode, InputStream inputStream) {
		String type = response.getContentType();
		// An answer that sets a cookie (the session check rotating the refresh token) is
		// never one to keep.
		if (type == null || !type.contains("json") || response.containsHeader(HttpHeaders.CACHE_CONTROL)
				|| response.containsHeader(HttpHeaders.SET_COOKIE)
				|| !super.isEligibleForEtag(request, response, responseStatusCode, inputStream)) {
			return false;
		}
		response.setHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
		return true;
	}

}
