package dev.vigil.cluster;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Messages between the instances of a cluster. Alone (no Redis), publishing does nothing
 * and no handler is ever called: features deliver to their own subscribers first and use
 * the bus only for the others.
 * <p>
 * Delivery is at most once (Redis pub/sub): a message published while the bus is down, or
 * while an instance is cut off, is lost for good. Whoever needs more registers a
 * {@link #onRecovered recovery} and catches up from the database.
 */
public interface ClusterBus {

	/** Whether other instances may exist (a bus is configured). */
	boolean clustered();

	/** This instance's id, unique per process start. */
	String instanceId();

	/**
	 * Sends {@code message} (a record serialised as JSON) to every other instance's
	 * handlers of {@code topic}. Never blocks and never throws: a message that cannot be
	 * sent is dropped and counted.
	 */
	void publish(String topic, Object message);

	/**
	 * Calls {@code handler} with each message of {@code topic} published by another
	 * instance, one at a time in arrival order, on the bus's own thread: handlers must be
	 * quick (hand work to a queue) and never block.
	 */
	<T> void subscribe(String topic, Class<T> type, Consumer<T> handler);

	/**
	 * Drops every handler of {@code topic}: for topics that live as long as one stream (a
	 * relayed log watch), which would otherwise pile up.
	 */
	void unsubscribe(String topic);

	/**
	 * Calls {@code recovery} each time this instance was cut off from the bus and is
	 * back: its argument is the last moment the bus was known to work, so anything after
	 * it may have been missed.
	 */
	void onRecovered(Consumer<Instant> recovery);

}
