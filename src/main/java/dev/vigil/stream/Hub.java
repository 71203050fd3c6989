package dev.vigil.stream;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * In-memory publish/subscribe by topic (a {@link HubChannel}'s name) and key (its
 * {@link HubChannel#key}). Publishing only offers the shared event to each matching
 * subscriber's bounded queue: it never blocks, does no I/O, and costs O(subscribers of
 * that key). Connections of other channels are never subscribed here.
 */
@Component
public class Hub {

	private final Map<String, Map<Object, Set<Connection>>> topics = new ConcurrentHashMap<>();

	private final StreamMetrics metrics;

	Hub(StreamMetrics metrics) {
		this.metrics = metrics;
	}

	/** Delivers an event to every subscriber of {@code key} on {@code topic}. */
	public void publish(String topic, Object key, StreamEvent event) {
		this.metrics.published(topic);
		Set<Connection> subscribers = keysOf(topic).get(key);
		if (subscribers != null) {
			subscribers.forEach((connection) -> connection.offer(event));
		}
	}

	/** Delivers an event to every subscriber on {@code topic}. */
	public void publishAll(String topic, StreamEvent event) {
		this.metrics.published(topic);
		keysOf(topic).values().forEach((subscribers) -> subscribers.forEach((connection) -> connection.offer(event)));
	}

	/**
	 * Whether anyone is subscribed on {@code topic}: lets a publisher skip work nobody
	 * would receive.
	 */
	public boolean hasSubscribers(String topic) {
		return !keysOf(topic).isEmpty();
	}

	/**
	 * The keys with a subscriber on {@code topic} here (a snapshot): whom a catch-up
	 * after a bus loss concerns.
	 */
	public Set<Object> keys(String topic) {
		return Set.copyOf(keysOf(topic).keySet());
	}

	/**
	 * Adds inside the map's atomic compute: adding to the set {@code computeIfAbsent}
	 * returned could race an unsubscribe that just emptied and dropped that set, leaving
	 * the connection subscribed to a set nobody publishes to.
	 */
	void subscribe(Connection connection) {
		keysOf(connection.channel().name()).compute(connection.hubKey(), (k, subscribers) -> {
			Set<Connection> set = (subscribers != null) ? subscribers : ConcurrentHashMap.newKeySet();
			set.add(connection);
			return set;
		});
	}

	void unsubscribe(Connection connection) {
		keysOf(connection.channel().name()).computeIfPresent(connection.hubKey(), (k, subscribers) -> {
			subscribers.remove(connection);
			return subscribers.isEmpty() ? null : subscribers;
		});
	}

	private Map<Object, Set<Connection>> keysOf(String topic) {
		return this.topics.computeIfAbsent(topic, (t) -> new ConcurrentHashMap<>());
	}

}
