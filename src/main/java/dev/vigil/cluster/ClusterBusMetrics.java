package dev.vigil.cluster;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/** The bus's meters, clustered only: messages dropped and whether the bus is lost now. */
@Component
class ClusterBusMetrics {

	ClusterBusMetrics(ClusterNode node, MeterRegistry registry) {
		if (!(node instanceof RedisCluster bus)) {
			return;
		}
		FunctionCounter.builder("vigil.cluster.bus.dropped", bus, RedisCluster::dropped)
			.description(
					"Bus messages not sent: reliable ones (the others catch up on recovery), lossy log lines (watchers see skipped)")
			.tag("path", "reliable")
			.register(registry);
		FunctionCounter.builder("vigil.cluster.bus.dropped", bus, RedisCluster::lossyDropped)
			.description(
					"Bus messages not sent: reliable ones (the others catch up on recovery), lossy log lines (watchers see skipped)")
			.tag("path", "lossy")
			.register(registry);
		Gauge.builder("vigil.cluster.bus.lost", bus, (b) -> b.connected() ? 0 : 1)
			.description("1 while this instance counts the bus as lost (messages may be missed until it recovers)")
			.register(registry);
	}

}
