package dev.vigil.web;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
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
