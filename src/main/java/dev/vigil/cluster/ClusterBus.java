package dev.vigil.cluster;

import java.time.Instant;
import java.util.function.BiConsumer;
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
	 * Sends a bulky message that may be lost without harm (relayed log lines) to the
	 * instance that {@link #subscribeLossy subscribed} to exactly {@code topic}. It has a
	 * queue of its own, bounded in bytes: when the bus is behind, the message is dropped
	 * and counted, and the bus is never counted as lost for it (no recoveries), so it
	 * cannot crowd out {@link #publish}. {@code done} runs once it was sent or dropped
	 * (for the sender's own budget of messages in flight).
	 * @return false when it was dropped at once
	 */
	default boolean publishLossy(String topic, Object message, Runnable done) {
		publish(topic, message);
		done.run();
		return true;
	}

	/**
	 * As {@link #subscribe}, for the messages of {@link #publishLossy}: only the
	 * instances that subscribe to exactly {@code topic} receive them.
	 */
	default <T> void subscribeLossy(String topic, Class<T> type, Consumer<T> handler) {
		subscribe(topic, type, handler);
	}

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

	/**
	 * As {@link #onRecovered}, knowing whose loss it was: this instance's id after its
	 * own, another instance's after it announced its recovery or left without saying so
	 * (what it had not sent yet is in the database only).
	 */
	default void onRecoveredFrom(BiConsumer<String, Instant> recovery) {
		onRecovered((since) -> recovery.accept(instanceId(), since));
	}

}
