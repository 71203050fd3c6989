package dev.vigil.notifications;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.vigil.notifications.NotificationRepository.Notification;
import dev.vigil.stream.StreamEvent;
import dev.vigil.stream.StreamJson;

/**
 * The wire form of notifications: the REST model and the stream events, which share the
 * SSE event name {@code notification} and differ by their {@code type} (reference Event
 * JSON plus {@code id}).
 */
@Component
class NotificationEvents {

	static final String EVENT = "notification";

	private final StreamJson json;

	NotificationEvents(StreamJson json) {
		this.json = json;
	}

	/**
	 * A notification as the API shows it (reference model: entity_type is always
	 * {@code admin} here).
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record View(long id, String entityType, long entityId, String type, String title, String message,
			@JsonRawValue @Nullable String data, @Nullable Instant readAt, Instant createdAt) {

		static View of(Notification n) {
			return new View(n.id(), "admin", n.adminId(), n.type(), n.title(), n.message(), n.data(), n.readAt(),
					n.createdAt());
		}

	}

	/** Resumable: the id is the cursor, and its seq lets a replay drop the live copy. */
	StreamEvent created(Notification notification, long unread) {
		return StreamEvent.of(EVENT, Long.toString(notification.id()), notification.id(),
				this.json.object("type", "notification", "id", notification.id(), "notification", View.of(notification),
						"unread_count", unread));
	}

	StreamEvent unreadCount(long unread) {
		return StreamEvent.of(EVENT, this.json.object("type", "unread_count", "unread_count", unread));
	}

	StreamEvent read(List<Long> ids, long unread) {
		return StreamEvent.of(EVENT, this.json.object("type", "read", "ids", ids, "unread_count", unread));
	}

	StreamEvent readAll(long unread) {
		return StreamEvent.of(EVENT, this.json.object("type", "read", "all", true, "unread_count", unread));
	}

	StreamEvent deleted(List<Long> ids, long unread) {
		return StreamEvent.of(EVENT, this.json.object("type", "deleted", "ids", ids, "unread_count", unread));
	}

	/**
	 * The client reloads its list: its cursor cannot be resumed from (unknown, or too far
	 * behind), or it may have missed a read or delete.
	 */
	StreamEvent reset() {
		return StreamEvent.of(EVENT, this.json.object("type", "reset"));
	}

}
