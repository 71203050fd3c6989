package dev.vigil.dashboard;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.vigil.cluster.ClusterLeases;
import dev.vigil.stream.Hub;
import dev.vigil.stream.StreamEvent;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * One tick: a snapshot stored whether anyone watches or not, published only when someone
 * does, and a history that cannot be written costs the history point, not the tick.
 */
class DashboardTickerTests {

	final DashboardSnapshots snapshots = mock(DashboardSnapshots.class);

	final DashboardChannel channel = mock(DashboardChannel.class);

	final Hub hub = mock(Hub.class);

	final DashboardHistory history = mock(DashboardHistory.class);

	final ClusterLeases leases = mock(ClusterLeases.class);

	final DashboardTicker ticker = new DashboardTicker(this.snapshots, this.channel, this.hub,
			new DashboardProperties(Duration.ofSeconds(5)), this.history, this.leases);

	final DashboardSnapshot snapshot = Snapshots.at(Instant.parse("2026-12-06T12:00:00Z"), 1, 0, 0);

	final StreamEvent event = StreamEvent.of("metrics", null, "{}", "{}");

	DashboardTickerTests() {
		given(this.leases.hold(any(), any())).willReturn(true);
	}

	@Test
	void anotherInstanceHoldingTheHistoryLeaseStoresTheTickInsteadButThisOneStillPublishes() {
		given(this.leases.hold(any(), any())).willReturn(false);
		given(this.snapshots.compute()).willReturn(this.snapshot);
		given(this.hub.hasSubscribers(DashboardChannel.NAME)).willReturn(true);
		given(this.channel.event(this.snapshot)).willReturn(this.event);

		this.ticker.tick();

		verify(this.hub).publishAll(DashboardChannel.NAME, this.event);
		verify(this.history, never()).record(any());
	}

	@Test
	void nobodyWatchingStillStoresTheTickButPublishesNothing() {
		given(this.snapshots.compute()).willReturn(this.snapshot);
		given(this.hub.hasSubscribers(DashboardChannel.NAME)).willReturn(false);

		this.ticker.tick();

		verify(this.history).record(this.snapshot);
		verify(this.hub, never()).publishAll(any(), any());
	}

	@Test
	void someoneWatchingGetsTheSameSnapshotThatWasStored() {
		given(this.snapshots.compute()).willReturn(this.snapshot);
		given(this.hub.hasSubscribers(DashboardChannel.NAME)).willReturn(true);
		given(this.channel.event(this.snapshot)).willReturn(this.event);

		this.ticker.tick();

		verify(this.history).record(this.snapshot);
		verify(this.hub).publishAll(DashboardChannel.NAME, this.event);
		verify(this.snapshots, times(1)).compute();
	}

	@Test
	void aHistoryThatCannotBeWrittenDoesNotStopTheLiveViewOrTheNextTick() {
		given(this.snapshots.compute()).willReturn(this.snapshot);
		given(this.hub.hasSubscribers(DashboardChannel.NAME)).willReturn(true);
		given(this.channel.event(this.snapshot)).willReturn(this.event);
		willThrow(new IllegalStateException("disk full")).given(this.history).record(any());

		assertThatNoException().isThrownBy(this.ticker::tick);
		assertThatNoException().isThrownBy(this.ticker::tick);

		verify(this.history, times(2)).record(this.snapshot);
		verify(this.hub, times(2)).publishAll(DashboardChannel.NAME, this.event);
	}

	@Test
	void aFailedComputationSkipsTheTickQuietly() {
		given(this.snapshots.compute()).willThrow(new IllegalStateException("database gone"));

		assertThatNoException().isThrownBy(this.ticker::tick);

		verify(this.history, never()).record(any());
		verify(this.hub, never()).publishAll(any(), any());
	}

}
