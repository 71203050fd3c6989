package dev.vigil.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** Who this process is: a fresh id per start, a name for people. */
record InstanceIdentity(String id, String name, long startedAt) {

	static InstanceIdentity create(String name) {
		return new InstanceIdentity(UUID.randomUUID().toString(), name, System.currentTimeMillis());
	}

	Instance describe(long now, Map<String, Supplier<Object>> details) {
		Map<String, Object> values = new LinkedHashMap<>();
		details.forEach((key, value) -> values.put(key, value.get()));
		return new Instance(this.id, this.name, this.startedAt, now, values);
	}

}
