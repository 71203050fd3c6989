package dev.vigil.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The bus and registry of an instance without others: the default. */
final class Alone implements ClusterNode {

	private final InstanceIdentity identity;

	private final Map<String, Supplier<Object>> details = new ConcurrentHashMap<>();

	Alone(InstanceIdentity identity) {
		this.identity = identity;
	}

	@Override
	public boolean clustered() {
		return false;
	}

	@Override
	public String instanceId() {
		return this.identity.id();
	}

	@Override
	public void publish(String topic, Object message) {
	}

	@Override
	public <T> void subscribe(String topic, Class<T> type, Consumer<T> handler) {
	}

	@Override
	public void unsubscribe(String topic) {
	}

	@Override
	public void onRecovered(Consumer<Instant> recovery) {
	}

	@Override
	public Instance self() {
		return this.identity.describe(System.currentTimeMillis(), this.details);
	}

	@Override
	public List<Instance> live() {
		return List.of(self());
	}

	@Override
	public void describe(String key, Supplier<Object> value) {
		this.details.put(key, value);
	}

}
