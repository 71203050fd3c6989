package dev.vigil.dashboard;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
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

	private final DashboardHistory history;

	private final DashboardProperties properties;

	private final Clock clock;

	DashboardController(DashboardSnapshots snapshots, DashboardChannel channel, StreamEndpoints streams,
			DashboardHistory history, DashboardProperties properties, Clock clock) {
		this.snapshots = snapshots;
		this.channel = channel;
		this.streams = streams;
		this.history = history;
		this.properties = properties;
		this.clock = clock;
	}

	@GetMapping
	DashboardSnapshot snapshot() {
		return this.snapshots.latest(REUSE);
	}

	/**
	 * @param range the range served
	 * @param resolutionMs time between points: the tick interval at 1 h, a bucket width
	 * beyond
	 */
	record History(String range, long resolutionMs, List<DashboardSnapshot> snapshots) {
	}

	/**
	 * The charts' history, oldest first, at the resolution that fits the range (see
	 * {@link HistoryTier}).
	 */
	@GetMapping("/history")
	History history(@Parameter(description = "1h: every tick; 24h: one point per minute; 7d, 30d: per 15 minutes",
			schema = @Schema(allowableValues = { "1h", "24h", "7d", "30d" }, defaultValue = "1h")) @RequestParam(
					defaultValue = "1h") String range) {
		HistoryRange chosen = HistoryRange.of(range);
		Duration width = chosen.tier().width();
		long resolution = (width != null) ? width.toMillis() : this.properties.interval().toMillis();
		return new History(chosen.label(), resolution,
				this.history.read(chosen, this.clock.instant()).stream().map(HistoryPoint::snapshot).toList());
	}

	@GetMapping("/stream")
	void stream(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
		this.streams.serve(this.channel, request, response);
	}

}
