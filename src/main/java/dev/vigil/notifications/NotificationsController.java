package dev.vigil.notifications;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.vigil.NotFoundException;
import dev.vigil.auth.CurrentAdmin;
import dev.vigil.notifications.NotificationEvents.View;
import dev.vigil.stream.StreamEndpoints;
import dev.vigil.web.BulkIds;
import dev.vigil.web.Csv;
import dev.vigil.web.ListQuery;

/**
 * The caller's own notifications (every role), their live stream, and sending (scope
 * {@code admin:notifications}, enforced by the security chain).
 */
@RestController
@RequestMapping("/api/admin/notifications")
class NotificationsController {

	private static final Map<String, String> SORTABLE = Map.of("id", "id", "type", "type", "created_at", "created_at");

	private final NotificationRepository repository;

	private final NotificationService notifications;

	private final NotificationChannel channel;

	private final StreamEndpoints streams;

	private final NotificationSender sender;

	NotificationsController(NotificationRepository repository, NotificationService notifications,
			NotificationChannel channel, StreamEndpoints streams, NotificationSender sender) {
		this.repository = repository;
		this.notifications = notifications;
		this.channel = channel;
		this.streams = streams;
		this.sender = sender;
	}

	record Page(List<View> notifications, long total, long unread) {
	}

	@GetMapping
	Page list(@AuthenticationPrincipal CurrentAdmin me, @RequestParam(required = false) @Nullable Boolean unread,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable Integer offset,
			@RequestParam(required = false) @Nullable String sort,
			@RequestParam(required = false) @Nullable String order) {
		boolean unreadOnly = Boolean.TRUE.equals(unread);
		ListQuery query = ListQuery.of(limit, offset, sort, order, SORTABLE, "id", "DESC");
		return new Page(this.repository.find(me.id(), unreadOnly, query).stream().map(View::of).toList(),
				this.repository.count(me.id(), unreadOnly), this.repository.unread(me.id()));
	}

	@GetMapping("/unread-count")
	Map<String, Long> unreadCount(@AuthenticationPrincipal CurrentAdmin me) {
		return Map.of("unread", this.repository.unread(me.id()));
	}

	/**
	 * Idempotent: reading an already-read notification is fine; only an unknown id is a
	 * 404.
	 */
	@PostMapping("/{id}/read")
	Map<String, Boolean> read(@AuthenticationPrincipal CurrentAdmin me, @PathVariable long id) {
		if (!this.notifications.markRead(me.id(), id)) {
			throw new NotFoundException("notification not found");
		}
		return Map.of("ok", true);
	}

	@PostMapping("/read-all")
	Map<String, Object> readAll(@AuthenticationPrincipal CurrentAdmin me) {
		return Map.of("ok", true, "marked", this.notifications.markAllRead(me.id()));
	}

	@DeleteMapping("/{id}")
	Map<String, Boolean> delete(@AuthenticationPrincipal CurrentAdmin me, @PathVariable long id) {
		if (this.notifications.delete(me.id(), List.of(id)).isEmpty()) {
			throw new NotFoundException("notification not found");
		}
		return Map.of("ok", true);
	}

	@PostMapping("/bulk-delete")
	Map<String, Object> bulkDelete(@AuthenticationPrincipal CurrentAdmin me, @RequestBody BulkIds<Long> body) {
		return Map.of("ok", true, "affected", this.notifications.delete(me.id(), body.validated()).size());
	}

	@GetMapping("/export")
	ResponseEntity<byte[]> export(@AuthenticationPrincipal CurrentAdmin me,
			@RequestParam(required = false) @Nullable Boolean unread,
			@RequestParam(required = false) @Nullable String sort,
			@RequestParam(required = false) @Nullable String order) {
		ListQuery query = ListQuery.of(null, null, sort, order, SORTABLE, "id", "DESC").unpaged();
		List<List<?>> rows = this.repository.find(me.id(), Boolean.TRUE.equals(unread), query)
			.stream()
			.<List<?>>map((n) -> List.of(n.id(), n.type(), n.title(), n.message(),
					(n.readAt() != null) ? n.readAt() : "", n.createdAt()))
			.toList();
		return Csv.export("notifications", List.of("ID", "Type", "Title", "Message", "Read At", "Created At"), rows);
	}

	@PostMapping("/send")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> send(@AuthenticationPrincipal CurrentAdmin me, @Valid @RequestBody SendRequest body) {
		List<Long> ids = this.sender.send(body, me);
		return (ids.size() == 1 && !body.toAll() && body.role() == null)
				? Map.of("ok", true, "id", ids.get(0), "sent", 1) : Map.of("ok", true, "sent", ids.size());
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
