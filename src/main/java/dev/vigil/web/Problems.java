package dev.vigil.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The one error shape: RFC 9457 ProblemDetail plus an {@code error} member carrying the
 * message, which reference clients read. Filters use {@link #write} because they run
 * outside Spring MVC.
 */
public final class Problems {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Problems() {
	}

	public static ProblemDetail of(HttpStatus status, String message) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
		problem.setProperty("error", message);
		return problem;
	}

	public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
			String message) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		JSON.writeValue(response.getOutputStream(),
				body(status.value(), status.getReasonPhrase(), message, request.getRequestURI()));
	}

	/**
	 * The body as JSON, for writers outside the servlet API (the container's error
	 * report).
	 */
	static String json(int status, String title, String message) {
		return JSON.writeValueAsString(body(status, title, message, null));
	}

	/** {@code instance} is left out when null. */
	private static Map<String, Object> body(int status, String title, String message, @Nullable String instance) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "about:blank");
		body.put("title", title);
		body.put("status", status);
		body.put("detail", message);
		if (instance != null) {
			body.put("instance", instance);
		}
		body.put("error", message);
		return body;
	}

}
