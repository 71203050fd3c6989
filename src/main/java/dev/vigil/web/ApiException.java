package dev.vigil.web;

import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A user-facing error: rendered as a ProblemDetail with the message in {@code detail} and
 * {@code error}.
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

	public static ApiException notFound(String message) {
		return new ApiException(HttpStatus.NOT_FOUND, message);
	}

	public static ApiException conflict(String message) {
		return new ApiException(HttpStatus.CONFLICT, message);
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
