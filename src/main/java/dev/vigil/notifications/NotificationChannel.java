package dev.vigil.notifications;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.vigil.auth.CurrentAdmin;
import dev.vigil.notifications.NotificationRepository.Notification;
import dev.vigil.stream.StreamChannel;
import dev.vigil.stream.StreamEvent;

/**
 * The notification stream: one key per admin; a new connection gets the unread count, and
 * a resuming one also gets every notification created after its cursor, from the
 * database, after a {@code reset} when it may have missed a read or delete (see
 * {@link NotificationChanges}).
 */
@Component
class NotificationChannel implements StreamChannel {

	static final String NAME = "notifications";

	/** Beyond this many missed notifications the client is told to reload instead. */
	static final int MAX_REPLAY = 500;

	private final NotificationRepository repository;

	private final NotificationEvents events;

	private final NotificationChanges changes;

	NotificationChannel(NotificationRepository repository, NotificationEvents events, NotificationChanges changes) {
		this.repository = repository;
		this.events = events;
		this.changes = changes;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Object key(CurrentAdmin admin) {
		return admin.id();
	}

	@Override
	public List<StreamEvent> backlog(CurrentAdmin admin, String cursor) {
		long unread = this.repository.unread(admin.id());
		if (cursor == null) {
			return List.of(this.events.unreadCount(unread));
		}
		long since = parse(cursor);
		List<Notification> missed = (since >= 0 && since <= this.repository.lastId())
				? this.repository.after(admin.id(), since, MAX_REPLAY + 1) : null;
		if (missed == null || missed.size() > MAX_REPLAY) {
			return List.of(this.events.reset(), this.events.unreadCount(unread));
		}
		List<StreamEvent> backlog = new ArrayList<>(missed.size() + 2);
		if (this.changes.mayHaveMissed(admin.id(), since)) {
			// The cursor still holds for new notifications (replayed below); the list is
			// reloaded.
			backlog.add(this.events.reset());
		}
		backlog.add(this.events.unreadCount(unread));
		missed.forEach((n) -> backlog.add(this.events.created(n, unread)));
		return backlog;
	}

	/**
	 * A cursor beyond the last notification is not honoured (reset): it must not hide
	 * live ones.
	 */
	@Override
	public long resumedAt(String cursor) {
		long since = parse(cursor);
		return (since >= 0 && since <= this.repository.lastId()) ? since : -1;
	}

	private static long parse(String cursor) {
		try {
			return Long.parseLong(cursor);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
