package dev.vigil.cluster;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The registry of live instances: each renews its entry with every heartbeat; an entry
 * not renewed within the TTL is gone. Alone, the list holds this instance only.
 */
public interface Instances {

	Instance self();

	/** Every live instance, this one included, by name. */
	List<Instance> live();

	/** A live instance by id. */
	default Optional<Instance> find(String id) {
		return live().stream().filter((instance) -> instance.id().equals(id)).findFirst();
	}

	/**
	 * Adds {@code key}'s current value to what this instance publishes with each
	 * heartbeat ({@link Instance#details}): small, JSON-friendly figures such as open
	 * streams.
	 */
	void describe(String key, Supplier<Object> value);

	/** Helper for readers of {@link Instance#details}. */
	static long number(Map<String, Object> details, String key) {
		return (details.get(key) instanceof Number n) ? n.longValue() : 0;
	}

}
