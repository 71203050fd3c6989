package dev.vigil.notifications;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.vigil.cluster.ClusterBus;
import dev.vigil.stream.Hub;
import dev.vigil.stream.StreamEvent;
import dev.vigil.stream.StreamJson;
import dev.vigil.support.AdminRows;
import dev.vigil.support.RepositoryTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The relay's dedupe and its catch-up after a bus loss, on a real notifications table: a
 * notification reaches the hub once however many ways it comes (live here, over the bus,
 * from the catch-up), and a catch-up sends what was missed, in id order, after a reset
 * and the count.
 */
@RepositoryTest
@Import({ NotificationRepository.class, NotificationEvents.class, NotificationChanges.class, StreamJson.class,
		NotificationRelayTests.Json.class })
class NotificationRelayTests {

	@TestConfiguration
	static class Json {

		@Bean
		JsonMapper jsonMapper() {
			return JsonMapper.builder().build();
		}

	}

	@Autowired
	NotificationRepository repository;

	@Autowired
	NotificationEvents events;

	@Autowired
	NotificationChanges changes;

	@Autowired
	JdbcClient jdbc;

	final Hub hub = mock(Hub.class);

	final Bus bus = new Bus();

	NotificationRelay relay;

	long ada;

	@BeforeEach
	void relay() {
		this.ada = AdminRows.insert(this.jdbc, "Ada");
		this.relay = new NotificationRelay(this.bus, this.hub, this.repository, this.events, this.changes);
		this.relay.afterSingletonsInstantiated();
		when(this.hub.keys(NotificationChannel.NAME)).thenReturn(Set.of(this.ada));
	}

	@Test
	void aNotificationArrivingTwiceOverTheBusOrBackFromItsOwnSendIsPublishedOnce() {
		StreamEvent own = this.events.created(this.repository.insert(this.ada, "info", "own", "", null), 1);
		this.relay.created(this.ada, own);
		this.relay.received(relayed(this.bus.published.get(0)));
		NotificationRelay.Relayed other = new NotificationRelay.Relayed("created", this.ada, 1_000_000, "{}", 0);
		this.relay.received(other);
		this.relay.received(other);
		List<StreamEvent> published = published(2);
		assertThat(published).extracting(StreamEvent::seq).containsExactly(own.seq(), 1_000_000L);
	}

	@Test
	void aCatchUpSendsWhatWasMissedOnceInIdOrderAfterAResetAndTheCount() {
		List<Long> ids = new ArrayList<>();
		for (int i = 1; i <= 4; i++) {
			ids.add(this.repository.insert(this.ada, "info", "n" + i, "", null).id());
		}
		// The bus brought the first and the third; the second and fourth were lost.
		this.relay.received(new NotificationRelay.Relayed("created", this.ada, ids.get(0), "{}", 0));
		this.relay.received(new NotificationRelay.Relayed("created", this.ada, ids.get(2), "{}", 0));

		this.relay.recover(Instant.now());
		List<StreamEvent> published = published(6);
		assertThat(published.subList(2, 6)).extracting(StreamEvent::data)
			.satisfiesExactly((reset) -> assertThat(reset).contains("\"type\":\"reset\""),
					(count) -> assertThat(count).contains("\"unread_count\":4"),
					(second) -> assertThat(second).contains("\"title\":\"n2\""),
					(fourth) -> assertThat(fourth).contains("\"title\":\"n4\""));

		// A second catch-up (another instance announces its own loss) has nothing new.
		this.relay.recover(Instant.now());
		assertThat(published(8).subList(6, 8)).extracting(StreamEvent::data)
			.satisfiesExactly((reset) -> assertThat(reset).contains("\"type\":\"reset\""),
					(count) -> assertThat(count).contains("\"unread_count\":4"));
		// And a cursor from before it reloads on resume: a read elsewhere may have been
		// missed.
		assertThat(this.changes.mayHaveMissed(this.ada, ids.get(3))).isTrue();
	}

	private List<StreamEvent> published(int count) {
		ArgumentCaptor<StreamEvent> events = ArgumentCaptor.forClass(StreamEvent.class);
		verify(this.hub, times(count)).publish(eq(NotificationChannel.NAME), eq(this.ada), events.capture());
		verify(this.hub, times(count)).publish(any(), any(), any());
		return events.getAllValues();
	}

	private static NotificationRelay.Relayed relayed(Object message) {
		return (NotificationRelay.Relayed) message;
	}

	/** A bus that records what is published. */
	static final class Bus implements ClusterBus {

		final List<Object> published = new ArrayList<>();

		@Override
		public boolean clustered() {
			return true;
		}

		@Override
		public String instanceId() {
			return "test";
		}

		@Override
		public void publish(String topic, Object message) {
			this.published.add(message);
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

	}

}
