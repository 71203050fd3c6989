package dev.vigil.notifications;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.vigil.auth.CurrentAdmin;
import dev.vigil.notifications.NotificationRepository.Notification;
import dev.vigil.stream.HubChannel;
import dev.vigil.stream.Replay;
import dev.vigil.stream.StreamEvent;
import dev.vigil.stream.StreamSubscriber;

/**
 * The notification stream: published through the hub by {@link NotificationService}, one
 * key per admin. A new connection gets the unread count, and a resuming one also gets
 * every notification created after its cursor, from the database, after a {@code reset}
 * when it may have missed a read or delete (see {@link NotificationChanges}).
 */
@Component
class NotificationChannel implements HubChannel {

	static final String NAME = "notifications";

	/**
	 * Beyond this many missed notifications the client is told to reload instead; it also
	 * bounds the replay, sent as one chunk.
	 */
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

	/**
	 * A cursor beyond the last notification is not honoured (reset): it must not hide
	 * live ones.
	 */
	@Override
	public Replay replay(StreamSubscriber subscriber) {
		long adminId = subscriber.admin().id();
		long unread = this.repository.unread(adminId);
		if (subscriber.cursor() == null) {
			return Replay.of(List.of(this.events.unreadCount(unread)));
		}
		long since = parse(subscriber.cursor());
		if (since < 0 || since > this.repository.lastId()) {
			return Replay.of(List.of(this.events.reset(), this.events.unreadCount(unread)));
		}
		List<Notification> missed = this.repository.after(adminId, since, MAX_REPLAY + 1);
		if (missed.size() > MAX_REPLAY) {
			return Replay.after(since, List.of(this.events.reset(), this.events.unreadCount(unread)));
		}
		List<StreamEvent> events = new ArrayList<>(missed.size() + 2);
		if (this.changes.mayHaveMissed(adminId, since)) {
			// The cursor still holds for new notifications (replayed below); the list is
			// reloaded.
			events.add(this.events.reset());
		}
		events.add(this.events.unreadCount(unread));
		missed.forEach((n) -> events.add(this.events.created(n, unread)));
		return Replay.after(since, events);
	}

	private static long parse(@Nullable String cursor) {
		try {
			return Long.parseLong(cursor);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
