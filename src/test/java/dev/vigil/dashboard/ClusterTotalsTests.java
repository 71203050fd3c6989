package dev.vigil.dashboard;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The cluster's figures from its instances'. */
class ClusterTotalsTests {

	@Test
	void figuresAddUpTheMeanIsWeightedAndTheUptimeIsTheLongest() {
		DashboardSnapshot.InstanceEntry a = entry("a", 3,
				Map.of("dashboard", Map.of("sse", 2L), "logs", Map.of("ws", 1L)),
				new DashboardSnapshot.Http(100, 90, 0, 10, 0, 10), 512, 120);
		DashboardSnapshot.InstanceEntry b = entry("b", 1, Map.of("dashboard", Map.of("sse", 1L)),
				new DashboardSnapshot.Http(300, 300, 0, 0, 0, 30), 1024, 60);
		InstanceFigures total = DashboardSnapshots.total(List.of(a, b));
		assertThat(total.streams()).isEqualTo(4);
		assertThat(total.connections()).isEqualTo(Map.of("dashboard", Map.of("sse", 3L), "logs", Map.of("ws", 1L)));
		assertThat(total.http()).isEqualTo(new DashboardSnapshot.Http(400, 390, 0, 10, 0, 25));
		assertThat(total.requestsPerSecond()).isEqualTo(3.0);
		assertThat(total.heapUsed()).isEqualTo(30);
		assertThat(total.heapMax()).isEqualTo(1536);
		assertThat(total.threads()).isEqualTo(50);
		assertThat(total.uptimeSeconds()).isEqualTo(120);
		assertThat(total.logLinesPerSecond()).isEqualTo(1.0);
	}

	@Test
	void oneUndefinedHeapMaximumLeavesTheTotalUndefined() {
		DashboardSnapshot.InstanceEntry a = entry("a", 0, Map.of(), DashboardSnapshot.Http.NONE, -1, 1);
		DashboardSnapshot.InstanceEntry b = entry("b", 0, Map.of(), DashboardSnapshot.Http.NONE, 1024, 1);
		assertThat(DashboardSnapshots.total(List.of(a, b)).heapMax()).isEqualTo(-1);
		assertThat(DashboardSnapshots.total(List.of(b, a)).heapMax()).isEqualTo(-1);
		assertThat(DashboardSnapshots.total(List.of(a, b)).http().meanMs()).isZero();
	}

	private static DashboardSnapshot.InstanceEntry entry(String name, long streams,
			Map<String, Map<String, Long>> connections, DashboardSnapshot.Http http, long heapMax, long uptime) {
		return new DashboardSnapshot.InstanceEntry("id-" + name, name, name.equals("a"), 0, streams, connections, http,
				1.5, 15, heapMax, 25, uptime, 0.5);
	}

}
