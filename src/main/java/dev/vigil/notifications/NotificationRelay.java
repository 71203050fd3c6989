package dev.vigil.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import dev.vigil.cluster.ClusterBus;
import dev.vigil.notifications.NotificationRepository.Notification;
import dev.vigil.stream.Hub;
import dev.vigil.stream.StreamEvent;

/**
 * Publishes notification events to this instance's subscribers and, over the bus (topic
 * {@code notifications}), to every other instance's, which publish them to theirs. After
 * a bus loss it catches up from the database: for every admin with a subscriber here, the
 * notifications above what this instance had certainly received, minus the ones it did
 * publish ({@link RecentIds}), after a {@code reset} and a fresh unread count (a read or
 * delete may have been missed, and those carry no id to replay). Alone, the bus does
 * nothing and this is the hub.
 */
@Component
class NotificationRelay implements SmartInitializingSingleton {

	static final String TOPIC = "notifications";

	/**
	 * How far before the last moment the bus worked a recovery looks: longer than a
	 * notification's transaction and its trip over the bus, so one committed out of id
	 * order by another instance, or still queued to be sent, is looked at too.
	 */
	static final Duration MARGIN = Duration.ofSeconds(10);

	/** How long (and how many) published ids are kept to tell a missed one apart. */
	static final Duration RETENTION = Duration.ofMinutes(15);

	static final int MAX_KEPT = 200_000;

	private static final Logger log = LoggerFactory.getLogger(NotificationRelay.class);

	/**
	 * What crosses the bus: a stream event as it was built, with what the receiver needs
	 * beside it.
	 *
	 * @param kind {@code created} (id: the notification), {@code changed} (a read or
	 * delete; mark: see {@link NotificationChanges}) or {@code purged} (read ones of
	 * every admin deleted; mark)
	 * @param json the event's data
	 */
	record Relayed(String kind, long adminId, long id, String json, long mark) {
	}

	private final ClusterBus bus;

	private final Hub hub;

	private final NotificationRepository repository;

	private final NotificationEvents events;

	private final NotificationChanges changes;

	private volatile RecentIds recent = new RecentIds(0, RETENTION.toMillis(), MAX_KEPT);

	NotificationRelay(ClusterBus bus, Hub hub, NotificationRepository repository, NotificationEvents events,
			NotificationChanges changes) {
		this.bus = bus;
		this.hub = hub;
		this.repository = repository;
		this.events = events;
		this.changes = changes;
	}

	/** After the migrations ran: ids issued before this start are history. */
	@Override
	public void afterSingletonsInstantiated() {
		if (!this.bus.clustered()) {
			return;
		}
		this.recent = new RecentIds(this.repository.lastId(), RETENTION.toMillis(), MAX_KEPT);
		this.bus.subscribe(TOPIC, Relayed.class, this::received);
		this.bus.onRecovered(this::recover);
	}

	/** A notification was stored: to its admin's subscribers everywhere. */
	void created(long adminId, StreamEvent event) {
		if (!this.bus.clustered()) {
			// Alone nothing is ever caught up: no ids to keep.
			this.hub.publish(NotificationChannel.NAME, adminId, event);
			return;
		}
		// A catch-up running now may have found the row just committed and sent it.
		if (this.recent.claim(event.seq(), System.currentTimeMillis())) {
			this.hub.publish(NotificationChannel.NAME, adminId, event);
		}
		this.bus.publish(TOPIC, new Relayed("created", adminId, event.seq(), event.data(), 0));
	}

	/**
	 * Notifications of the admin were read or deleted ({@code mark}: see
	 * {@link NotificationChanges#changed}).
	 */
	void changed(long adminId, StreamEvent event, long mark) {
		this.hub.publish(NotificationChannel.NAME, adminId, event);
		this.bus.publish(TOPIC, new Relayed("changed", adminId, -1, event.data(), mark));
	}

	/** Read notifications of every admin were deleted. */
	void purged(long mark) {
		this.bus.publish(TOPIC, new Relayed("purged", 0, -1, "", mark));
	}

	/** On the bus's thread: only what never blocks (the hub only queues). */
	void received(Relayed message) {
		switch (message.kind()) {
			case "created" -> {
				if (this.recent.claim(message.id(), System.currentTimeMillis())) {
					this.hub.publish(NotificationChannel.NAME, message.adminId(), StreamEvent
						.of(NotificationEvents.EVENT, Long.toString(message.id()), message.id(), message.json()));
				}
			}
			case "changed" -> {
				this.changes.changed(message.adminId(), message.mark());
				this.hub.publish(NotificationChannel.NAME, message.adminId(),
						StreamEvent.of(NotificationEvents.EVENT, message.json()));
			}
			case "purged" -> this.changes.changedForEveryone(message.mark());
			default -> log.debug("unknown notification relay message {}", message.kind());
		}
	}

	/**
	 * After a bus loss ({@code since}: the last moment it worked), on the bus's recovery
	 * thread.
	 */
	void recover(Instant since) {
		// A read or delete made elsewhere meanwhile may be unknown here: every cursor
		// issued so far is told to reload when it resumes.
		this.changes.changedForEveryone(this.repository.lastId());
		long from = since.toEpochMilli() - MARGIN.toMillis();
		RecentIds recent = this.recent;
		boolean known = recent.covers(from);
		long base = recent.highestBefore(from);
		int admins = 0;
		int replayed = 0;
		for (Object key : this.hub.keys(NotificationChannel.NAME)) {
			long adminId = (Long) key;
			admins++;
			long unread = this.repository.unread(adminId);
			this.hub.publish(NotificationChannel.NAME, adminId, this.events.reset());
			this.hub.publish(NotificationChannel.NAME, adminId, this.events.unreadCount(unread));
			if (!known) {
				// Too long ago to tell what was delivered: the reset makes clients
				// reload.
				continue;
			}
			List<Notification> missed = this.repository.after(adminId, base, NotificationChannel.MAX_REPLAY + 1);
			if (missed.size() > NotificationChannel.MAX_REPLAY) {
				continue;
			}
			for (Notification n : missed) {
				if (recent.claim(n.id(), System.currentTimeMillis())) {
					this.hub.publish(NotificationChannel.NAME, adminId, this.events.created(n, unread));
					replayed++;
				}
			}
		}
		log.info("notifications caught up after a bus loss since {}: {} admins with subscribers, {} missed sent{}",
				since, admins, replayed, known ? "" : " (too long ago to tell: clients reload)");
	}

}
