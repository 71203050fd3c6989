package dev.vigil.stream;

import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscribing while another connection of the same key leaves: the leaving one may empty
 * the key's set and drop it from the map. A subscribe that added to that dropped set
 * would be subscribed to nothing, and get no live event again.
 */
class HubTests {

	private final StreamMetrics metrics = new StreamMetrics(new SimpleMeterRegistry());

	private final Hub hub = new Hub(this.metrics);

	@Test
	void aSubscribeRacingTheLastUnsubscribeOfItsKeyStillGetsEveryEvent() throws InterruptedException {
		FakeChannel channel = new FakeChannel();
		FakeConnection leaving = new FakeConnection(channel, this.metrics);
		FakeConnection staying = new FakeConnection(channel, this.metrics);
		staying.start();
		AtomicBoolean running = new AtomicBoolean(true);
		Thread churn = new Thread(() -> {
			while (running.get()) {
				this.hub.subscribe(leaving);
				this.hub.unsubscribe(leaving);
			}
		});
		churn.start();
		int rounds = 300_000;
		int missed = 0;
		try {
			for (int i = 0; i < rounds; i++) {
				this.hub.subscribe(staying);
				int before = staying.written.size();
				this.hub.publish("test", "key", StreamEvent.of("test", "e"));
				if (staying.written.size() == before) {
					missed++;
				}
				this.hub.unsubscribe(staying);
				staying.written.clear();
			}
		}
		finally {
			running.set(false);
			churn.join();
		}
		assertThat(missed).as("events missed by a subscribed connection in %d rounds", rounds).isZero();
	}

}
