package dev.vigil.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.vigil.admins.ActiveAdmins;
import dev.vigil.notifications.NotificationRepository.Notification;
import dev.vigil.stream.StreamEvent;

/**
 * The notifications module's API. Every change is written first, then published to the
 * admin's live streams with the unread count it produced, so each open tab's badge
 * follows the database.
 */
@Service
public class NotificationService {

	static final Set<String> TYPES = Set.of("info", "success", "warning", "error");

	/**
	 * Most notifications written in one transaction (a broadcast to many admins spans
	 * several).
	 */
	private static final int MAX_BATCH = 500;

	private final NotificationRepository repository;

	private final ActiveAdmins admins;

	private final NotificationRelay relay;

	private final NotificationEvents events;

	private final JsonMapper json;

	/**
	 * Write + publish happen under one lock so events reach subscribers in id order with
	 * counts that never go backwards. SQLite serialises writes anyway; the lock only
	 * orders the publishes.
	 */
	private final ReentrantLock lock = new ReentrantLock();

	/**
	 * New notifications waiting to be written. Whoever holds the lock writes every one
	 * queued so far in one transaction (group commit): at hundreds of sends per second
	 * one write lock and one WAL commit serve many sends, instead of each send queueing
	 * for its own.
	 */
	private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();

	/**
	 * Completed at the next release of {@link #lock}: senders whose rows are still queued
	 * take over then.
	 */
	private final AtomicReference<CompletableFuture<Void>> released = new AtomicReference<>(new CompletableFuture<>());

	private final TransactionTemplate transactions;

	private final NotificationChanges changes;

	private final ApplicationEventPublisher publisher;

	NotificationService(NotificationRepository repository, ActiveAdmins admins, NotificationRelay relay,
			NotificationEvents events, JsonMapper json, TransactionTemplate transactions, NotificationChanges changes,
			ApplicationEventPublisher publisher) {
		this.publisher = publisher;
		this.repository = repository;
		this.admins = admins;
		this.relay = relay;
		this.events = events;
		this.json = json;
		this.transactions = transactions;
		this.changes = changes;
	}

	/**
	 * Notifies one admin.
	 * @param type {@code info}, {@code success}, {@code warning} or {@code error}
	 * @param data extra fields for the client: anything Jackson writes as a JSON object
	 * (a map, a record, a JsonNode), or null
	 * @return the new notification's id
	 */
	public long notify(long adminId, @Nullable String type, String title, @Nullable String message,
			@Nullable Object data) {
		return send("admin", List.of(adminId), type, title, message, data).get(0);
	}

	/** Notifies every active admin; returns the new notifications' ids. */
	public List<Long> notifyAll(@Nullable String type, String title, @Nullable String message, @Nullable Object data) {
		return send("all", this.admins.ids(), type, title, message, data);
	}

	/**
	 * Notifies each of these admins (a list the caller chose, such as a rule's
	 * recipients).
	 */
	public List<Long> notifyEach(Collection<Long> adminIds, @Nullable String type, String title,
			@Nullable String message, @Nullable Object data) {
		return send("admins", adminIds, type, title, message, data);
	}

	/**
	 * Notifies every active admin of a role, by name (for example all superadmins of a
	 * failure); nobody when no admin has it.
	 */
	public List<Long> notifyRole(String role, @Nullable String type, String title, @Nullable String message,
			@Nullable Object data) {
		return send("role:" + role, this.admins.ids(role), type, title, message, data);
	}

	/**
	 * Stores and streams, then tells the delivery channels ({@link NotificationsSent}).
	 */
	private List<Long> send(String audience, Collection<Long> adminIds, @Nullable String type, String title,
			@Nullable String message, @Nullable Object data) {
		String checkedType = (type == null || type.isBlank()) ? "info" : type;
		if (!TYPES.contains(checkedType)) {
			throw new IllegalArgumentException("unknown notification type " + checkedType);
		}
		String json = toJson(data);
		List<Long> ids = insertAndPublish(adminIds, checkedType, title, message, json);
		if (!ids.isEmpty()) {
			List<NotificationsSent.Recipient> recipients = new ArrayList<>(ids.size());
			int i = 0;
			for (long adminId : adminIds) {
				recipients.add(new NotificationsSent.Recipient(adminId, ids.get(i++)));
			}
			this.publisher.publishEvent(new NotificationsSent(checkedType, title, (message != null) ? message : "",
					json, audience, List.copyOf(recipients), Instant.now()));
		}
		return ids;
	}

	/**
	 * Deletes read notifications older than {@code age}; unread ones are kept however
	 * old.
	 */
	public int purgeRead(Duration age) {
		int purged = this.repository.deleteReadBefore(System.currentTimeMillis() - age.toMillis());
		if (purged > 0) {
			this.relay.purged(this.changes.changedForEveryone());
		}
		return purged;
	}

	/** Marks one notification read; false when the admin has no such notification. */
	boolean markRead(long adminId, long id) {
		return locked(() -> {
			if (this.repository.markRead(adminId, id)) {
				long mark = this.changes.changed(adminId);
				this.relay.changed(adminId, this.events.read(List.of(id), this.repository.unread(adminId)), mark);
				return true;
			}
			// Nothing changed: already read (fine, reads are idempotent) or not this
			// admin's.
			return this.repository.find(adminId, id).isPresent();
		});
	}

	int markAllRead(long adminId) {
		return locked(() -> {
			int marked = this.repository.markAllRead(adminId);
			if (marked > 0) {
				long mark = this.changes.changed(adminId);
				this.relay.changed(adminId, this.events.readAll(this.repository.unread(adminId)), mark);
			}
			return marked;
		});
	}

	/**
	 * Deletes the admin's notifications among {@code ids}; returns the ids that were
	 * deleted.
	 */
	List<Long> delete(long adminId, Collection<Long> ids) {
		return locked(() -> {
			List<Long> deleted = this.repository.delete(adminId, ids);
			if (!deleted.isEmpty()) {
				long mark = this.changes.changed(adminId);
				this.relay.changed(adminId, this.events.deleted(deleted, this.repository.unread(adminId)), mark);
			}
			return deleted;
		});
	}

	/**
	 * Queues one notification per admin, waits until a batch has written and published
	 * them; their ids.
	 */
	private List<Long> insertAndPublish(Collection<Long> adminIds, String checkedType, String title,
			@Nullable String message, @Nullable String data) {
		List<Pending> mine = new ArrayList<>(adminIds.size());
		for (long adminId : adminIds) {
			mine.add(new Pending(adminId, checkedType, title, (message != null) ? message : "", data,
					new CompletableFuture<>()));
		}
		this.pending.addAll(mine);
		CompletableFuture<Void> written = CompletableFuture
			.allOf(mine.stream().map(Pending::done).toArray(CompletableFuture[]::new));
		// Whoever gets the lock writes queued rows until its own are written. The others
		// wait for their
		// rows, not in the lock's queue (each would take it in turn only to find them
		// written), and take
		// over when the lock is released while theirs are still queued.
		while (!written.isDone()) {
			CompletableFuture<Void> release = this.released.get();
			if (this.lock.tryLock()) {
				try {
					while (!written.isDone()) {
						writeBatch();
					}
				}
				finally {
					unlock();
				}
			}
			else {
				CompletableFuture.anyOf(written, release).exceptionally((ex) -> null).join();
			}
		}
		List<Long> ids = new ArrayList<>(mine.size());
		for (Pending p : mine) {
			try {
				ids.add(p.done().join());
			}
			catch (CompletionException ex) {
				throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
			}
		}
		return ids;
	}

	/**
	 * Under the lock: writes what is queued (up to {@link #MAX_BATCH}) in one
	 * transaction, then publishes it.
	 */
	private void writeBatch() {
		List<Pending> batch = new ArrayList<>();
		Pending next;
		while (batch.size() < MAX_BATCH && (next = this.pending.poll()) != null) {
			batch.add(next);
		}
		List<StreamEvent> events;
		try {
			events = this.transactions.execute((status) -> {
				this.repository.commitInIdOrder();
				return batch.stream().map(this::insert).toList();
			});
		}
		catch (RuntimeException ex) {
			// One bad row must not fail the others: write them one by one to find it.
			batch.forEach(this::writeOne);
			return;
		}
		catch (Error ex) {
			batch.forEach((p) -> p.done().completeExceptionally(ex));
			throw ex;
		}
		for (int i = 0; i < batch.size(); i++) {
			published(batch.get(i), events.get(i));
		}
	}

	private void writeOne(Pending p) {
		try {
			published(p, this.transactions.execute((status) -> {
				this.repository.commitInIdOrder();
				return insert(p);
			}));
		}
		catch (RuntimeException ex) {
			p.done().completeExceptionally(ex);
		}
	}

	/** After the commit: the event goes out and the waiting sender gets the new id. */
	private void published(Pending p, StreamEvent created) {
		this.relay.created(p.adminId(), created);
		p.done().complete(created.seq());
	}

	private StreamEvent insert(Pending p) {
		Notification created = this.repository.insert(p.adminId(), p.type(), p.title(), p.message(), p.data());
		return this.events.created(created, this.repository.unread(p.adminId()));
	}

	private record Pending(long adminId, String type, String title, String message, @Nullable String data,
			CompletableFuture<Long> done) {
	}

	private <T> T locked(Supplier<T> action) {
		this.lock.lock();
		try {
			return action.get();
		}
		finally {
			unlock();
		}
	}

	/**
	 * Releases the lock, then wakes the senders waiting for it (a fresh signal for the
	 * next release).
	 */
	private void unlock() {
		this.lock.unlock();
		this.released.getAndSet(new CompletableFuture<>()).complete(null);
	}

	private @Nullable String toJson(@Nullable Object data) {
		return (data == null) ? null : this.json.writeValueAsString(data);
	}

}
