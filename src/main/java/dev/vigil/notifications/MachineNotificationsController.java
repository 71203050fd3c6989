package dev.vigil.notifications;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.vigil.auth.CurrentAdmin;
import dev.vigil.stream.StreamEndpoints;

/**
 * Notifications on the machine API (API keys): sending ({@code notifications:send}) and
 * the live stream of the key's admin ({@code notifications:read}), the same stream the
 * panel's bell reads.
 */
@RestController
@RequestMapping("/api/v1/notifications")
class MachineNotificationsController {

	private final NotificationSender sender;

	private final NotificationChannel channel;

	private final StreamEndpoints streams;

	MachineNotificationsController(NotificationSender sender, NotificationChannel channel, StreamEndpoints streams) {
		this.sender = sender;
		this.channel = channel;
		this.streams = streams;
	}

	/** The notifications created: one per recipient. */
	record Sent(int sent, List<Long> ids) {
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Sent send(@AuthenticationPrincipal CurrentAdmin key, @Valid @RequestBody SendRequest body) {
		List<Long> ids = this.sender.send(body, key);
		return new Sent(ids.size(), ids);
	}

	@GetMapping("/stream")
	void stream(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
		this.streams.serve(this.channel, request, response);
	}

	@GetMapping("/sse")
	void sse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.streams.serveSse(this.channel, request, response);
	}

}
