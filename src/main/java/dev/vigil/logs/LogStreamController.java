package dev.vigil.logs;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.vigil.stream.StreamEndpoints;
import dev.vigil.web.ApiException;

/**
 * The live log: {@code /stream} (WebSocket or SSE) and the reference-compatible SSE-only
 * {@code /sse}. Query: {@code level}, {@code search}, {@code backlog} (≤ 1,000),
 * {@code since} (or {@code Last-Event-ID}).
 */
@RestController
@RequestMapping({ "/api/admin/logs", "/api/v1/logs" })
class LogStreamController {

	private static final int MAX_SEARCH = 500;

	private final StreamEndpoints streams;

	private final LogChannel channel;

	private final LogsProperties properties;

	LogStreamController(StreamEndpoints streams, LogChannel channel, LogsProperties properties) {
		this.streams = streams;
		this.channel = channel;
		this.properties = properties;
	}

	@GetMapping("/stream")
	void stream(@RequestParam(required = false) @Nullable String backlog,
			@RequestParam(required = false) @Nullable String search, HttpServletRequest request,
			HttpServletResponse response) throws IOException, ServletException {
		validate(backlog, search);
		this.streams.serve(this.channel, request, response);
	}

	@GetMapping("/sse")
	void sse(@RequestParam(required = false) @Nullable String backlog,
			@RequestParam(required = false) @Nullable String search, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		validate(backlog, search);
		this.streams.serveSse(this.channel, request, response);
	}

	/** Bad input is refused before the stream opens, while a 400 can still be sent. */
	private void validate(@Nullable String backlog, @Nullable String search) {
		if (this.channel.backlogSize(backlog) < 0) {
			throw ApiException.badRequest("invalid backlog: 0 to " + this.properties.maxBacklog() + " lines");
		}
		if (search != null && search.length() > MAX_SEARCH) {
			throw ApiException.badRequest("search too long");
		}
	}

}
