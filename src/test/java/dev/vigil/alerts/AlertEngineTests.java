package dev.vigil.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import dev.vigil.alerts.AlertNotifier.Event;
import dev.vigil.alerts.AlertRepository.Firing;
import dev.vigil.alerts.AlertRepository.Rule;
import dev.vigil.alerts.AlertRepository.Settings;
import dev.vigil.logs.LogWatches;
import dev.vigil.support.RepositoryTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The evaluation of rules on a clock the test drives, second by second, with entries fed
 * to the watcher the engine registered and the state stored in a real database: firing,
 * grouping within the cool-down, reminders after it, recovery after a whole clear window,
 * {@code for}, muting, and one watch per source.
 */
@RepositoryTest
@Import(AlertRepository.class)
class AlertEngineTests {

	static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

	@Autowired
	AlertRepository repository;

	final TestClock clock = new TestClock();

	final List<Sent> sent = new ArrayList<>();

	final LogWatches watches = mock(LogWatches.class);

	final LogWatches.Registration registration = mock(LogWatches.Registration.class);

	final List<Consumer<LogWatches.WatchedLine>> watchers = new ArrayList<>();

	AlertEngine engine;

	record Sent(long ruleId, Event event, long count, long repeats) {
	}

	@BeforeEach
	void setUp() {
		this.clock.now = T0;
		when(this.watches.watch(eq("vigil"), any())).thenAnswer((invocation) -> {
			this.watchers.add(invocation.getArgument(1));
			return this.registration;
		});
		AlertNotifier notifier = new AlertNotifier(null, null) {
			@Override
			int send(Rule rule, Event event, long count, long repeats) {
				AlertEngineTests.this.sent.add(new Sent(rule.id(), event, count, repeats));
				return 1;
			}
		};
		this.engine = new AlertEngine(this.repository, this.watches, notifier,
				new AlertsProperties(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofHours(24), 50),
				this.clock);
	}

	@Test
	void firesOnceThenGroupsRepeatsWithinTheCoolDownAndRecoversOnceAfterAClearWindow() {
		long id = rule(3, 60, 0, 600);

		log("error", 2);
		tick();
		assertThat(state(id)).isEqualTo("ok");
		log("info", 5); // other levels do not count
		tick();
		assertThat(state(id)).isEqualTo("ok");
		log("error", 1);
		tick();
		assertThat(state(id)).isEqualTo("firing");
		assertThat(this.sent).containsExactly(new Sent(id, Event.FIRING, 3, 0));

		// Errors keep coming for five windows: grouped into the open firing, no
		// notification.
		for (int s = 0; s < 300; s++) {
			advance(1);
			if (s % 10 == 0) {
				log("error", 1);
			}
			tick();
		}
		assertThat(this.sent).hasSize(1);
		Firing open = this.repository.firings(id, 50).get(0);
		assertThat(open.recoveredAt()).isNull();
		assertThat(open.repeats()).isEqualTo(5);
		assertThat(open.notified()).isTrue();

		// Quiet: the count drops below the threshold, then one whole window under it
		// recovers the rule, once.
		for (int s = 0; s < 200; s++) {
			advance(1);
			tick();
		}
		assertThat(state(id)).isEqualTo("ok");
		assertThat(this.sent).extracting(Sent::event).containsExactly(Event.FIRING, Event.RECOVERED);
		Firing closed = this.repository.firings(id, 50).get(0);
		assertThat(closed.recoveredAt()).isNotNull();
		assertThat(closed.matched()).isEqualTo(3 + 30);
		Rule rule = this.repository.find(id).orElseThrow();
		assertThat(rule.fireCount()).isEqualTo(1);
		assertThat(rule.lastFiredAt()).isEqualTo(T0.plusSeconds(0));
		assertThat(rule.lastRecoveredAt()).isNotNull();
	}

	@Test
	void aStillFiringReminderIsSentOnlyOnceTheCoolDownHasPassed() {
		long id = rule(1, 10, 0, 60);
		log("error", 1);
		tick();
		for (int s = 1; s <= 130; s++) {
			advance(1);
			log("error", 1);
			tick();
		}
		// Fired at 0; repeats every 10 s; reminders at 60 and 120 (the cool-down), no
		// more.
		assertThat(this.sent).extracting(Sent::event)
			.containsExactly(Event.FIRING, Event.STILL_FIRING, Event.STILL_FIRING);
		assertThat(this.repository.firings(id, 50).get(0).repeats()).isEqualTo(13);
	}

	@Test
	void theConditionMustHoldForItsDurationBeforeTheRuleFires() {
		long id = rule(1, 10, 30, 0);
		log("error", 1);
		tick();
		assertThat(state(id)).isEqualTo("pending");
		// Cleared before 30 s: back to ok, never fired.
		advance(15);
		tick();
		assertThat(state(id)).isEqualTo("ok");
		for (int s = 0; s < 40; s++) {
			advance(1);
			log("error", 1);
			tick();
			if (s < 29) {
				assertThat(this.sent).as("second " + s).isEmpty();
			}
		}
		assertThat(this.sent).extracting(Sent::event).containsExactly(Event.FIRING);
		assertThat(state(id)).isEqualTo("firing");
	}

	@Test
	void aMutedRuleIsEvaluatedAndRecordedButNotifiesNoOne() {
		long id = rule(1, 10, 0, 0);
		this.repository.setMutedUntil(id, T0.plus(Duration.ofHours(1)), T0);
		this.engine.changed(id);
		log("error", 1);
		tick();
		assertThat(state(id)).isEqualTo("firing");
		for (int s = 0; s < 30; s++) {
			advance(1);
			tick();
		}
		assertThat(state(id)).isEqualTo("ok");
		assertThat(this.sent).isEmpty();
		Firing firing = this.repository.firings(id, 50).get(0);
		assertThat(firing.notified()).isFalse();
		assertThat(firing.recoveredAt()).isNotNull();
		assertThat(this.repository.find(id).orElseThrow().fireCount()).isEqualTo(1);
	}

	@Test
	void aPatternAndAnExcludeChooseTheEntriesThatCount() {
		long id = this.repository.insert(new Settings("timeouts " + UUID.randomUUID(), "vigil", List.of(),
				"time(d)?out", "health", 2, 10, 0, 0, "superadmin", List.of(), true), null, T0);
		this.engine.changed(id);
		feed("warn", "upstream TIMEDOUT after 3s");
		feed("warn", "health check timeout (ignored)");
		feed("error", "nothing to see");
		tick();
		assertThat(state(id)).isEqualTo("ok");
		feed("info", "read timeout");
		tick();
		assertThat(state(id)).isEqualTo("firing");
	}

	@Test
	void rulesOfOneSourceShareOneWatchWhichEndsWithTheLastOfThem() {
		long a = rule(1, 10, 0, 0);
		long b = rule(1, 10, 0, 0);
		verify(this.watches, times(1)).watch(eq("vigil"), any());
		log("error", 1);
		tick();
		assertThat(state(a)).isEqualTo("firing");
		assertThat(state(b)).isEqualTo("firing");

		this.repository.delete(a);
		this.engine.changed(a);
		verify(this.registration, times(0)).close();
		this.repository.delete(b);
		this.engine.changed(b);
		verify(this.registration, times(1)).close();
	}

	@Test
	void aCatastrophicPatternCostsItsLineABoundedAmountOfWork() {
		RuleCounter counter = new RuleCounter(java.util.Set.of(), AlertEngine.compile("(x+x+)+y"), null, 10_000);
		String evil = "x".repeat(1_000);
		assertThat(counter.offer("error", evil, 0)).isFalse();
		assertThat(counter.offer("error", "xxy", 0)).isTrue();
		assertThat(counter.count(0)).isEqualTo(1);
	}

	private long rule(int threshold, int window, int forSeconds, int cooldown) {
		long id = this.repository.insert(new Settings("rule " + UUID.randomUUID(), "vigil", List.of("error"), "", "",
				threshold, window, forSeconds, cooldown, "superadmin", List.of(), true), null, T0);
		this.engine.changed(id);
		return id;
	}

	private String state(long id) {
		return this.repository.find(id).orElseThrow().state();
	}

	private void log(String level, int lines) {
		for (int i = 0; i < lines; i++) {
			feed(level, "something " + level);
		}
	}

	private void feed(String level, String text) {
		for (Consumer<LogWatches.WatchedLine> watcher : this.watchers) {
			watcher.accept(new LogWatches.WatchedLine("vigil", level, this.clock.millis(), text, "c"));
		}
	}

	private void advance(int seconds) {
		this.clock.now = this.clock.now.plusSeconds(seconds);
	}

	private void tick() {
		this.engine.evaluate(this.clock.instant());
	}

	static final class TestClock extends Clock {

		Instant now = T0;

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
