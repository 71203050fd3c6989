package dev.vigil.logs;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.vigil.auth.CurrentAdmin;
import dev.vigil.stream.StreamEndpoints;
import dev.vigil.web.ApiException;

/**
 * The live log: {@code /stream} (WebSocket or SSE) and the reference-compatible SSE-only
 * {@code /sse}. Query: {@code source} (default: the own log), {@code level},
 * {@code search} (and the other filters), {@code backlog} (≤ 1,000), {@code since} (or
 * {@code Last-Event-ID}), {@code instance} (another live instance's id: its log, relayed
 * over the bus).
 */
@RestController
@RequestMapping({ "/api/admin/logs", "/api/v1/logs" })
class LogStreamController {

	private static final int MAX_SEARCH = 500;

	private final StreamEndpoints streams;

	private final LogChannel channel;

	private final LogsProperties properties;

	private final LogSources sources;

	private final RemoteLogs remote;

	LogStreamController(StreamEndpoints streams, LogChannel channel, LogsProperties properties, LogSources sources,
			RemoteLogs remote) {
		this.remote = remote;
		this.streams = streams;
		this.channel = channel;
		this.properties = properties;
		this.sources = sources;
	}

	@GetMapping("/stream")
	void stream(@RequestParam(required = false) @Nullable String source,
			@RequestParam(required = false) @Nullable String backlog,
			@RequestParam(required = false) @Nullable String search,
			@AuthenticationPrincipal @Nullable CurrentAdmin admin, HttpServletRequest request,
			HttpServletResponse response) throws IOException, ServletException {
		validate(source, admin, backlog, search, request);
		this.streams.serve(this.channel, request, response);
	}

	@GetMapping("/sse")
	void sse(@RequestParam(required = false) @Nullable String source,
			@RequestParam(required = false) @Nullable String backlog,
			@RequestParam(required = false) @Nullable String search,
			@AuthenticationPrincipal @Nullable CurrentAdmin admin, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		validate(source, admin, backlog, search, request);
		this.streams.serveSse(this.channel, request, response);
	}

	/**
	 * Bad input is refused before the stream opens, while a 400 (unknown source or
	 * instance: 404; a source whose scope the admin lacks: 403) can still be sent.
	 */
	private void validate(@Nullable String source, @Nullable CurrentAdmin admin, @Nullable String backlog,
			@Nullable String search, HttpServletRequest request) {
		this.sources.require(source, admin);
		this.remote.requireLive(request.getParameter("instance"));
		LogFilter.from(request::getParameter);
		if (this.channel.backlogSize(backlog) < 0) {
			throw ApiException.badRequest("invalid backlog: 0 to " + this.properties.maxBacklog() + " lines");
		}
		if (search != null && search.length() > MAX_SEARCH) {
			throw ApiException.badRequest("search too long");
		}
	}

}
