package dev.vigil.notifications;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import dev.vigil.notifications.NotificationRepository.Notification;
import dev.vigil.stream.StreamEvent;

/**
 * The wire form of notifications: the REST model and the stream events, which share the SSE event
 * name {@code notification} and differ by their {@code type} (reference Event JSON plus {@code id}).
 */
@Component
class NotificationEvents {

	static final String EVENT = "notification";

	private final JsonMapper json;

	NotificationEvents(JsonMapper json) {
		this.json = json;
	}

	/** A notification as the API shows it (reference model: entity_type is always {@code admin} here). */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record View(long id, String entityType, long entityId, String type, String title, String message,
			@JsonRawValue String data, Instant readAt, Instant createdAt) {

		static View of(Notification n) {
			return new View(n.id(), "admin", n.adminId(), n.type(), n.title(), n.message(), n.data(), n.readAt(),
					n.createdAt());
		}

	}

	/** Resumable: the id is the cursor, and its seq lets a replay drop the live copy. */
	StreamEvent created(Notification notification, long unread) {
		return StreamEvent.of(EVENT, Long.toString(notification.id()), notification.id(), write(ordered("type",
				"notification", "id", notification.id(), "notification", View.of(notification), "unread_count", unread)));
	}

	StreamEvent unreadCount(long unread) {
		return StreamEvent.of(EVENT, write(ordered("type", "unread_count", "unread_count", unread)));
	}

	StreamEvent read(List<Long> ids, long unread) {
		return StreamEvent.of(EVENT, write(ordered("type", "read", "ids", ids, "unread_count", unread)));
	}

	StreamEvent readAll(long unread) {
		return StreamEvent.of(EVENT, write(ordered("type", "read", "all", true, "unread_count", unread)));
	}

	StreamEvent deleted(List<Long> ids, long unread) {
		return StreamEvent.of(EVENT, write(ordered("type", "deleted", "ids", ids, "unread_count", unread)));
	}

	/** The cursor cannot be resumed from (unknown, or too far behind): the client reloads its list. */
	StreamEvent reset() {
		return StreamEvent.of(EVENT, write(ordered("type", "reset")));
	}

	private String write(Map<String, ?> payload) {
		return this.json.writeValueAsString(payload);
	}

	/** Keys in the given order, {@code type} first, as people reading the stream expect. */
	private static Map<String, Object> ordered(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

}
