package dev.vigil.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * How coarse points are made: last value of counters and levels, weighted mean of heap
 * and log rate, peak of open counts; buckets cut at exact UTC minute and quarter-hour
 * boundaries.
 */
class DownsamplingTests {

	static final Instant T = Instant.parse("2026-12-06T12:00:00Z");

	@Test
	void countersAndLevelsTakeTheLastValueGaugesTheMeanAndOpenCountsThePeak() {
		// Given out of order: the last value is the latest in time, not in the list.
		List<HistoryPoint> points = List.of(HistoryPoint.of(Snapshots.at(T.plusSeconds(50), 2, 300, 1)),
				HistoryPoint.of(Snapshots.at(T.plusSeconds(10), 8, 100, 5)),
				HistoryPoint.of(Snapshots.at(T.plusSeconds(30), 2, 200, 0)));

		HistoryPoint bucket = Downsampling.aggregate(T, points);

		assertThat(bucket.time()).isEqualTo(T);
		assertThat(bucket.samples()).isEqualTo(3);
		DashboardSnapshot s = bucket.snapshot();
		assertThat(s.time()).isEqualTo(T);
		// last
		assertThat(s.http().requests()).isEqualTo(300);
		assertThat(s.http().status2xx()).isEqualTo(300);
		assertThat(s.http().meanMs()).isEqualTo(30.0);
		assertThat(s.dbSize()).isEqualTo(1300);
		assertThat(s.walSize()).isEqualTo(300);
		assertThat(s.uptimeSeconds()).isEqualTo(300);
		assertThat(s.failedJobs24h()).isEqualTo(300);
		assertThat(s.heapMax()).isEqualTo(1_000_000);
		// mean: (8000 + 2000 + 2000) / 3, (4 + 1 + 1) / 3
		assertThat(s.heapUsed()).isEqualTo(4000);
		assertThat(s.logLinesPerSecond()).isEqualTo(2.0);
		// peak
		assertThat(s.activeSessions()).isEqualTo(8);
		assertThat(s.queuedJobs()).isEqualTo(8);
		assertThat(s.runningJobs()).isEqualTo(8);
		assertThat(s.threads()).isEqualTo(8);
		assertThat(s.connections()).isEqualTo(Map.of("dashboard", Map.of("sse", 5L)));
	}

	@Test
	void aCoarsePointMadeOfCoarsePointsWeighsEachByTheTicksItStandsFor() {
		HistoryPoint full = new HistoryPoint(T, 12, Snapshots.at(T, 1, 100, 0));
		HistoryPoint partial = new HistoryPoint(T.plusSeconds(60), 4, Snapshots.at(T.plusSeconds(60), 5, 150, 0));

		HistoryPoint quarter = Downsampling.aggregate(T, List.of(full, partial));

		assertThat(quarter.samples()).isEqualTo(16);
		// (1000 * 12 + 5000 * 4) / 16 = 2000; (0.5 * 12 + 2.5 * 4) / 16 = 1.0
		assertThat(quarter.snapshot().heapUsed()).isEqualTo(2000);
		assertThat(quarter.snapshot().logLinesPerSecond()).isEqualTo(1.0);
		assertThat(quarter.snapshot().http().requests()).isEqualTo(150);
	}

	@Test
	void connectionsPeakPerStreamAndTransportIncludingOnesThatCameAndWent() {
		DashboardSnapshot logsOnly = withConnections(T, Map.of("logs", Map.of("ws", 3L)));
		DashboardSnapshot both = withConnections(T.plusSeconds(5),
				Map.of("logs", Map.of("ws", 1L, "sse", 2L), "dashboard", Map.of("sse", 1L)));

		DashboardSnapshot s = Downsampling.aggregate(T, List.of(HistoryPoint.of(logsOnly), HistoryPoint.of(both)))
			.snapshot();

		assertThat(s.connections())
			.isEqualTo(Map.of("logs", Map.of("ws", 3L, "sse", 2L), "dashboard", Map.of("sse", 1L)));
	}

	@Test
	void bucketsAreCutAtExactBoundariesAndComeOutOldestFirst() {
		Instant lastOfFirstMinute = T.plusSeconds(60).minusMillis(1);
		Instant firstOfSecondMinute = T.plusSeconds(60);
		List<HistoryPoint> points = List.of(HistoryPoint.of(Snapshots.at(firstOfSecondMinute, 1, 20, 0)),
				HistoryPoint.of(Snapshots.at(T, 1, 0, 0)), HistoryPoint.of(Snapshots.at(lastOfFirstMinute, 1, 10, 0)),
				HistoryPoint.of(Snapshots.at(T.plusSeconds(119), 1, 30, 0)));

		List<HistoryPoint> minutes = Downsampling.buckets(HistoryTier.MINUTE, points);

		assertThat(minutes).extracting(HistoryPoint::time).containsExactly(T, firstOfSecondMinute);
		assertThat(minutes).extracting(HistoryPoint::samples).containsExactly(2, 2);
		assertThat(minutes).extracting((p) -> p.snapshot().http().requests()).containsExactly(10L, 30L);

		List<HistoryPoint> quarters = Downsampling.buckets(HistoryTier.QUARTER_HOUR,
				List.of(HistoryPoint.of(Snapshots.at(T.plusSeconds(15 * 60).minusMillis(1), 1, 0, 0)),
						HistoryPoint.of(Snapshots.at(T.plusSeconds(15 * 60), 1, 0, 0))));
		assertThat(quarters).extracting(HistoryPoint::time).containsExactly(T, T.plusSeconds(15 * 60));
	}

	@Test
	void theRawTierIsNotBucketed() {
		List<HistoryPoint> points = List.of(HistoryPoint.of(Snapshots.at(T, 1, 0, 0)),
				HistoryPoint.of(Snapshots.at(T.plusSeconds(5), 1, 0, 0)));
		assertThat(Downsampling.buckets(HistoryTier.RAW, points)).isEqualTo(points);
	}

	@Test
	void anEmptyBucketIsAnError() {
		assertThatIllegalArgumentException().isThrownBy(() -> Downsampling.aggregate(T, List.of()));
	}

	private static DashboardSnapshot withConnections(Instant time, Map<String, Map<String, Long>> connections) {
		DashboardSnapshot base = Snapshots.at(time, 1, 0, 0);
		return new DashboardSnapshot(base.activeSessions(), base.queuedJobs(), base.runningJobs(), base.failedJobs24h(),
				base.dbSize(), base.walSize(), base.uptimeSeconds(), base.heapUsed(), base.heapMax(), base.threads(),
				base.http(), connections, base.logLinesPerSecond(), time, List.of());
	}

}
