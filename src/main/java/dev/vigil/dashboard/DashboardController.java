package dev.vigil.dashboard;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.vigil.stream.StreamEndpoints;

/**
 * The dashboard for every role: the security chain requires authentication on
 * {@code /api/admin/**} and the dashboard needs no scope beyond that.
 */
@RestController
@RequestMapping({ "/api/admin/dashboard", "/api/v1/dashboard" })
class DashboardController {

	/**
	 * Polling clients (and many open tabs) reuse a snapshot this young instead of
	 * recomputing.
	 */
	private static final Duration REUSE = Duration.ofSeconds(1);

	private final DashboardSnapshots snapshots;

	private final DashboardChannel channel;

	private final StreamEndpoints streams;

	DashboardController(DashboardSnapshots snapshots, DashboardChannel channel, StreamEndpoints streams) {
		this.snapshots = snapshots;
		this.channel = channel;
		this.streams = streams;
	}

	@GetMapping
	DashboardSnapshot snapshot() {
		return this.snapshots.latest(REUSE);
	}

	@GetMapping("/history")
	Map<String, List<DashboardSnapshot>> history() {
		return Map.of("snapshots", this.snapshots.history());
	}

	@GetMapping("/stream")
	void stream(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
		this.streams.serve(this.channel, request, response);
	}

}
