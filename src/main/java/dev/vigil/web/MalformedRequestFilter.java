package dev.vigil.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Refuses requests the rest of the stack would fail on with a 500 instead of a 400,
 * before any of it runs. The container reports an undecodable query string (or too many
 * parameters) by throwing from whichever {@code getParameter} call comes first, which may
 * be a controller, the security chain or a WebSocket handshake; so the parameters are
 * parsed here, once. And Spring MVC asserts that a request's Content-Type has no wildcard
 * while reading a body, which a client may well send; and an unparseable Accept header
 * leaves it unable to write any error body at all.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 15)
class MalformedRequestFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(MalformedRequestFilter.class);

	private final Set<String> uploadPaths;

	MalformedRequestFilter(List<UploadRoute> uploads) {
		this.uploadPaths = uploads.stream().map(UploadRoute::path).collect(Collectors.toSet());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (UploadRoute.isMultipart(request) && hasBody(request)) {
			// The container parses a multipart body for the first getParameter call, from
			// whichever filter makes it (this one, or CSRF's before authentication): only
			// upload routes take one, and there only the handler parses it.
			String path = request.getRequestURI().substring(request.getContextPath().length());
			if (!this.uploadPaths.contains(path)) {
				Problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported content type");
				return;
			}
			chain.doFilter(new QueryParametersOnly(request), response);
			return;
		}
		try {
			request.getParameterMap();
		}
		catch (IllegalStateException ex) {
			log.debug("unparseable request parameters", ex);
			Problems.write(request, response, HttpStatus.BAD_REQUEST, "invalid request parameters");
			return;
		}
		if (!acceptIsParseable(request)) {
			// Spring MVC would answer with an empty body: it cannot choose a
			// representation for the error.
			Problems.write(request, response, HttpStatus.BAD_REQUEST, "invalid Accept header");
			return;
		}
		if (hasWildcardContentType(request)) {
			Problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported content type");
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean hasBody(HttpServletRequest request) {
		return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
	}

	/**
	 * Parameters from the query string only: reading them never parses the body.
	 */
	private static final class QueryParametersOnly extends HttpServletRequestWrapper {

		private final Map<String, String[]> parameters;

		QueryParametersOnly(HttpServletRequest request) {
			super(request);
			Map<String, String[]> parameters = new LinkedHashMap<>();
			String query = request.getQueryString();
			if (query != null) {
				try {
					UriComponentsBuilder.newInstance()
						.query(query)
						.build()
						.getQueryParams()
						.forEach((name, values) -> parameters.put(decode(name),
								values.stream().map((v) -> (v != null) ? decode(v) : "").toArray(String[]::new)));
				}
				catch (IllegalArgumentException ex) {
					// An undecodable query string: no parameters (upload routes take
					// none).
					parameters.clear();
				}
			}
			this.parameters = Collections.unmodifiableMap(parameters);
		}

		private static String decode(String value) {
			return UriUtils.decode(value.replace('+', ' '), StandardCharsets.UTF_8);
		}

		@Override
		public @Nullable String getParameter(String name) {
			String[] values = this.parameters.get(name);
			return (values != null && values.length > 0) ? values[0] : null;
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return this.parameters;
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(this.parameters.keySet());
		}

		@Override
		public String @Nullable [] getParameterValues(String name) {
			return this.parameters.get(name);
		}

	}

	private static boolean acceptIsParseable(HttpServletRequest request) {
		List<String> accept = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
		if (accept.isEmpty()) {
			return true;
		}
		try {
			// Sorting is what Spring MVC does next, and it refuses more than 50 types.
			MimeTypeUtils.sortBySpecificity(MediaType.parseMediaTypes(accept));
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static boolean hasWildcardContentType(HttpServletRequest request) {
		String contentType = request.getContentType();
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return type.isWildcardType() || type.isWildcardSubtype();
		}
		catch (InvalidMediaTypeException ex) {
			// Unparseable types are refused with a 415 where a body is read.
			return false;
		}
	}

}
