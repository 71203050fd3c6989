package dev.vigil.notifications;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

import dev.vigil.notifications.NotificationRepository.Notification;
import dev.vigil.stream.Hub;
import dev.vigil.web.ApiException;

/**
 * The notifications module's API. Every change is written first, then published to the admin's
 * live streams with the unread count it produced, so each open tab's badge follows the database.
 */
@Service
public class NotificationService {

	static final Set<String> TYPES = Set.of("info", "success", "warning", "error");

	private final NotificationRepository repository;

	private final Hub hub;

	private final NotificationEvents events;

	private final JsonMapper json;

	/**
	 * Write + publish happen under one lock so events reach subscribers in id order with counts
	 * that never go backwards. SQLite serialises writes anyway; the lock only orders the publishes.
	 */
	private final ReentrantLock lock = new ReentrantLock();

	NotificationService(NotificationRepository repository, Hub hub, NotificationEvents events, JsonMapper json) {
		this.repository = repository;
		this.hub = hub;
		this.events = events;
		this.json = json;
	}

	/**
	 * Notifies one admin.
	 * @param type {@code info}, {@code success}, {@code warning} or {@code error}
	 * @param data extra fields for the client: anything Jackson writes as a JSON object (a map, a
	 * record, a JsonNode), or null
	 * @return the new notification's id
	 */
	public long notify(long adminId, String type, String title, String message, Object data) {
		return insertAndPublish(adminId, type, title, message, toJson(data)).id();
	}

	/** Notifies every active admin; returns the new notifications' ids. */
	public List<Long> notifyAll(String type, String title, String message, Object data) {
		return notifyEach(this.repository.activeAdminIds(null), type, title, message, data);
	}

	List<Long> notifyEach(Collection<Long> adminIds, String type, String title, String message, Object data) {
		String dataJson = toJson(data);
		List<Long> ids = new ArrayList<>(adminIds.size());
		for (long adminId : adminIds) {
			ids.add(insertAndPublish(adminId, type, title, message, dataJson).id());
		}
		return ids;
	}

	/** Notifies every active admin of a role (for example all superadmins of a failure). */
	public List<Long> notifyRole(String role, String type, String title, String message, Object data) {
		return notifyEach(this.repository.activeAdminIds(role), type, title, message, data);
	}

	/** Deletes read notifications older than {@code age}; unread ones are kept however old. */
	public int purgeRead(Duration age) {
		return this.repository.deleteReadBefore(System.currentTimeMillis() - age.toMillis());
	}

	/** Marks one notification read; false when the admin has no such notification. */
	boolean markRead(long adminId, long id) {
		return locked(() -> {
			if (this.repository.markRead(adminId, id)) {
				publish(adminId, this.events.read(List.of(id), this.repository.unread(adminId)));
				return true;
			}
			// Nothing changed: already read (fine, reads are idempotent) or not this admin's.
			return this.repository.find(adminId, id).isPresent();
		});
	}

	int markAllRead(long adminId) {
		return locked(() -> {
			int marked = this.repository.markAllRead(adminId);
			if (marked > 0) {
				publish(adminId, this.events.readAll(this.repository.unread(adminId)));
			}
			return marked;
		});
	}

	/** Deletes the admin's notifications among {@code ids}; returns the ids that were deleted. */
	List<Long> delete(long adminId, Collection<Long> ids) {
		return locked(() -> {
			List<Long> deleted = this.repository.delete(adminId, ids);
			if (!deleted.isEmpty()) {
				publish(adminId, this.events.deleted(deleted, this.repository.unread(adminId)));
			}
			return deleted;
		});
	}

	private Notification insertAndPublish(long adminId, String type, String title, String message, String data) {
		String checkedType = (type == null || type.isBlank()) ? "info" : type;
		if (!TYPES.contains(checkedType)) {
			throw ApiException.invalid("type", "must be one of info, success, warning, error");
		}
		return locked(() -> {
			Notification created = this.repository.insert(adminId, checkedType, title,
					(message != null) ? message : "", data);
			publish(adminId, this.events.created(created, this.repository.unread(adminId)));
			return created;
		});
	}

	private void publish(long adminId, dev.vigil.stream.StreamEvent event) {
		this.hub.publish(NotificationChannel.NAME, adminId, event);
	}

	private <T> T locked(Supplier<T> action) {
		this.lock.lock();
		try {
			return action.get();
		}
		finally {
			this.lock.unlock();
		}
	}

	private String toJson(Object data) {
		return (data == null) ? null : this.json.writeValueAsString(data);
	}

}
