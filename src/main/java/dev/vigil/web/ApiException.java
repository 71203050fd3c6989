package dev.vigil.web;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * An error of the HTTP request itself (a missing credential, a malformed parameter, a
 * field of the request body), thrown by controllers and web filters: rendered as a
 * ProblemDetail with the message in {@code detail} and {@code error}. What a module's
 * service refuses is a domain exception ({@link dev.vigil.NotFoundException},
 * {@link dev.vigil.ConflictException}, {@link dev.vigil.InvalidRequestException}).
 */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final Map<String, String> fields;

	public ApiException(HttpStatus status, String message) {
		this(status, message, Map.of());
	}

	private ApiException(HttpStatus status, String message, Map<String, String> fields) {
		super(message, null, false, false);
		this.status = status;
		this.fields = fields;
	}

	public static ApiException badRequest(String message) {
		return new ApiException(HttpStatus.BAD_REQUEST, message);
	}

	/** 422 with per-field messages, the same shape bean validation produces. */
	public static ApiException invalid(String field, String message) {
		return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation failed", Map.of(field, message));
	}

	public HttpStatus status() {
		return this.status;
	}

	public Map<String, String> fields() {
		return this.fields;
	}

}
