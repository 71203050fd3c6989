package dev.vigil.notifications;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.vigil.storage.DatabaseRestored;
import dev.vigil.storage.DatabaseRestoring;

/**
 * How far the notification ids had got at each admin's latest read or delete.
 * {@code read} and {@code deleted} events carry no id, so a resume cannot replay them; a
 * stream resuming from a cursor at or below this mark may have missed one, and is told to
 * reload instead. Kept in memory: after a restart every cursor issued before it counts as
 * behind.
 */
@Component
class NotificationChanges implements SmartInitializingSingleton {

	private final NotificationRepository repository;

	private final Map<Long, Long> marks = new ConcurrentHashMap<>();

	/**
	 * Every admin's mark: the last id at start-up (what happened before is unknown),
	 * raised by a purge.
	 */
	private volatile long everyone = Long.MAX_VALUE;

	/**
	 * The highest id any cursor could hold from before the last database restore: ids are
	 * reused after it, so every such cursor stays behind.
	 */
	private volatile long beforeRestore;

	NotificationChanges(NotificationRepository repository) {
		this.repository = repository;
	}

	/** Before the web server takes requests, after the migrations ran. */
	@Override
	public void afterSingletonsInstantiated() {
		this.everyone = this.repository.lastId();
	}

	/**
	 * The admin's notifications were read or deleted; called before the change is
	 * published.
	 */
	long changed(long adminId) {
		long mark = this.repository.lastId();
		changed(adminId, mark);
		return mark;
	}

	/**
	 * The admin's notifications were read or deleted (on another instance) when the ids
	 * had got to {@code mark}.
	 */
	void changed(long adminId, long mark) {
		this.marks.merge(adminId, mark, Math::max);
	}

	/** Notifications of any admin were deleted. */
	long changedForEveryone() {
		long mark = this.repository.lastId();
		changedForEveryone(mark);
		return mark;
	}

	/**
	 * Notifications of any admin were deleted, or may have been (another instance, or a
	 * bus loss), when the ids had got to {@code mark}.
	 */
	synchronized void changedForEveryone(long mark) {
		this.everyone = Math.max(Math.max(this.everyone, mark), this.beforeRestore);
	}

	@EventListener
	void onDatabaseRestoring(DatabaseRestoring event) {
		this.beforeRestore = Math.max(this.beforeRestore, this.repository.lastId());
	}

	/**
	 * Cursors from before the restore may point at notifications that no longer exist, or
	 * at ids the restored database will give again: they all reload.
	 */
	@EventListener
	void onDatabaseRestored(DatabaseRestored event) {
		this.marks.clear();
		this.everyone = Math.max(this.repository.lastId(), this.beforeRestore);
	}

	/**
	 * Whether a client that has seen the notifications up to {@code cursor} may have
	 * missed a read or delete. A cursor of 0 knows no notification, so no change to one
	 * can be news to it.
	 */
	boolean mayHaveMissed(long adminId, long cursor) {
		return cursor > 0 && cursor <= Math.max(this.everyone, this.marks.getOrDefault(adminId, -1L));
	}

}
