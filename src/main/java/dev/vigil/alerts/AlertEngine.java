package dev.vigil.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.vigil.alerts.AlertRepository.Firing;
import dev.vigil.alerts.AlertRepository.Rule;
import dev.vigil.alerts.AlertRepository.Settings;
import dev.vigil.alerts.AlertRepository.State;
import dev.vigil.logs.BoundedRegex;
import dev.vigil.logs.LogWatches;

/**
 * Evaluates the enabled rules. Each source the rules name is watched once on its shared
 * tailer; the watcher only matches and counts ({@link RuleCounter}). A single thread
 * evaluates every rule's sliding window once per tick: over the threshold for {@code for}
 * → fired (notified unless muted or within the cool-down); over again a whole window
 * later while firing → a grouped repeat (a reminder only once the cool-down has passed);
 * under the threshold for a whole window → recovered (notified once, when the firing
 * was). Transitions are stored, so state and history survive restarts; the counts
 * themselves start afresh.
 */
@Component
class AlertEngine implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AlertEngine.class);

	static final String OK = "ok";

	static final String PENDING = "pending";

	static final String FIRING = "firing";

	private final AlertRepository repository;

	private final LogWatches watches;

	private final AlertNotifier notifier;

	private final AlertsProperties properties;

	private final Clock clock;

	/** Rule id → its evaluation; guarded by {@code this}. */
	private final Map<Long, Tracked> tracked = new LinkedHashMap<>();

	/** Source → its watch; guarded by {@code this}. */
	private final Map<String, Watch> sources = new HashMap<>();

	private @Nullable ScheduledExecutorService scheduler;

	AlertEngine(AlertRepository repository, LogWatches watches, AlertNotifier notifier, AlertsProperties properties,
			Clock clock) {
		this.repository = repository;
		this.watches = watches;
		this.notifier = notifier;
		this.properties = properties;
		this.clock = clock;
	}

	/** A rule's figures now, for the API. */
	record Live(long count, long repeats, long matched) {
	}

	/** One source's watch and the rules counting its entries. */
	private record Watch(LogWatches.Registration registration, List<Tracked> rules) {
	}

	/** A rule being evaluated; fields are guarded by the engine. */
	private static final class Tracked {

		Rule rule;

		volatile RuleCounter counter;

		String state;

		@Nullable Instant pendingSince;

		@Nullable Instant clearSince;

		@Nullable Instant lastOccurrence;

		@Nullable Instant lastFiredAt;

		@Nullable Instant lastRecoveredAt;

		@Nullable Instant lastNotifiedAt;

		long fireCount;

		@Nullable Long firingId;

		boolean firingNotified;

		long repeats;

		/** {@link RuleCounter#total} when the open firing's window began. */
		long firingBase;

		Tracked(Rule rule, RuleCounter counter) {
			this.rule = rule;
			this.counter = counter;
			this.state = rule.state();
			this.lastFiredAt = rule.lastFiredAt();
			this.lastRecoveredAt = rule.lastRecoveredAt();
			this.lastNotifiedAt = rule.lastNotifiedAt();
			this.fireCount = rule.fireCount();
		}

		State saved() {
			return new State(this.state, this.lastFiredAt, this.lastRecoveredAt, this.lastNotifiedAt, this.fireCount);
		}

	}

	/** Starts evaluating every enabled rule (at start). */
	synchronized void load() {
		Map<Long, Firing> last = this.repository.lastFirings();
		for (Rule rule : this.repository.all()) {
			if (rule.settings().enabled()) {
				track(rule, last.get(rule.id()));
			}
		}
	}

	/**
	 * Follows a rule changed on another instance; only while evaluating (a start reads
	 * every rule anyway).
	 */
	synchronized void changedElsewhere(long id) {
		if (this.scheduler != null) {
			changed(id);
		}
	}

	/**
	 * Reads every rule again, after this instance may have missed changes made on
	 * another.
	 */
	synchronized void resync() {
		if (this.scheduler == null) {
			return;
		}
		Set<Long> ids = new LinkedHashSet<>(this.tracked.keySet());
		this.repository.all().forEach((rule) -> ids.add(rule.id()));
		ids.forEach(this::changed);
	}

	/** Follows a rule created, updated, muted, disabled or deleted. */
	synchronized void changed(long id) {
		Optional<Rule> found = this.repository.find(id);
		Tracked current = this.tracked.get(id);
		if (found.isEmpty() || !found.get().settings().enabled()) {
			if (current != null) {
				untrack(current);
				if (found.isPresent()) {
					// Disabled: an open firing ends without a notification.
					closeSilently(current, this.clock.instant());
				}
			}
			return;
		}
		Rule rule = found.get();
		if (current == null) {
			track(rule, null);
			return;
		}
		Settings before = current.rule.settings();
		Settings after = rule.settings();
		current.rule = rule;
		if (!before.source().equals(after.source())) {
			untrack(current);
			current.counter = counter(after);
			watch(current);
			this.tracked.put(id, current);
		}
		else if (!Objects.equals(before.levels(), after.levels()) || !before.pattern().equals(after.pattern())
				|| !before.exclude().equals(after.exclude()) || before.windowSeconds() != after.windowSeconds()) {
			current.counter = counter(after);
			current.firingBase = 0;
		}
	}

	/** The figures of the rules being evaluated, by rule id. */
	synchronized Map<Long, Live> live() {
		long now = this.clock.millis();
		Map<Long, Live> live = new HashMap<>();
		for (Tracked t : this.tracked.values()) {
			RuleCounter counter = t.counter;
			long matched = (t.firingId != null) ? counter.total() - t.firingBase : 0;
			live.put(t.rule.id(), new Live(counter.count(now), t.repeats, matched));
		}
		return live;
	}

	/** Counts a watched entry for the rules of its source (on the tailer's thread). */
	private void offer(List<Tracked> rules, LogWatches.WatchedLine line) {
		long now = this.clock.millis();
		String level = line.level().toLowerCase(Locale.ROOT);
		for (Tracked t : rules) {
			t.counter.offer(level, line.text(), now);
		}
	}

	/** One tick: every rule's window at {@code now}. */
	synchronized void evaluate(Instant now) {
		for (Tracked t : List.copyOf(this.tracked.values())) {
			try {
				step(t, now);
			}
			catch (RuntimeException ex) {
				// One rule's failure (a busy database) must not stop the others.
				log.warn("alert rule {} not evaluated: {}", t.rule.id(), ex.toString());
			}
		}
	}

	private void step(Tracked t, Instant now) {
		Settings s = t.rule.settings();
		RuleCounter counter = t.counter;
		long count = counter.count(now.toEpochMilli());
		boolean over = count >= s.threshold();
		Duration window = Duration.ofSeconds(s.windowSeconds());
		String before = t.state;
		if (t.state.equals(OK) && over) {
			t.state = PENDING;
			t.pendingSince = now;
		}
		if (t.state.equals(PENDING)) {
			if (!over) {
				t.state = OK;
				t.pendingSince = null;
			}
			else if (!now.isBefore(Objects.requireNonNull(t.pendingSince).plusSeconds(s.forSeconds()))) {
				fire(t, now, count);
				return;
			}
		}
		else if (t.state.equals(FIRING)) {
			if (over) {
				t.clearSince = null;
				if (t.lastOccurrence == null || !now.isBefore(t.lastOccurrence.plus(window))) {
					repeat(t, now, count);
				}
			}
			else {
				if (t.clearSince == null) {
					t.clearSince = now;
				}
				if (!now.isBefore(t.clearSince.plus(window))) {
					recover(t, now);
					return;
				}
			}
		}
		if (!t.state.equals(before)) {
			this.repository.saveState(t.rule.id(), t.saved());
		}
	}

	private void fire(Tracked t, Instant now, long count) {
		t.state = FIRING;
		t.pendingSince = null;
		t.clearSince = null;
		t.lastOccurrence = now;
		t.lastFiredAt = now;
		t.fireCount++;
		t.repeats = 0;
		t.firingBase = t.counter.total() - count;
		boolean notify = mayNotify(t, now);
		boolean notified = notify && send(t, AlertNotifier.Event.FIRING, count, 0);
		if (notified) {
			t.lastNotifiedAt = now;
		}
		t.firingNotified = notified;
		t.firingId = this.repository.insertFiring(t.rule.id(), now, count, notified);
		this.repository.saveState(t.rule.id(), t.saved());
		this.repository.prune(t.rule.id(), this.properties.history());
	}

	private void repeat(Tracked t, Instant now, long count) {
		t.repeats++;
		t.lastOccurrence = now;
		if (mayNotify(t, now) && send(t, AlertNotifier.Event.STILL_FIRING, count, t.repeats)) {
			t.lastNotifiedAt = now;
			t.firingNotified = true;
			this.repository.saveState(t.rule.id(), t.saved());
		}
		if (t.firingId != null) {
			this.repository.updateFiring(t.firingId, t.counter.total() - t.firingBase, t.repeats, null);
		}
	}

	private void recover(Tracked t, Instant now) {
		boolean tell = t.firingNotified && !t.rule.muted(now);
		closeSilently(t, now);
		if (tell) {
			send(t, AlertNotifier.Event.RECOVERED, t.counter.count(now.toEpochMilli()), t.repeats);
		}
	}

	/** Ends the open firing, if any: state ok, recovered now. */
	private void closeSilently(Tracked t, Instant now) {
		if (t.firingId != null) {
			this.repository.updateFiring(t.firingId, Math.max(0, t.counter.total() - t.firingBase), t.repeats, now);
		}
		boolean wasFiring = t.state.equals(FIRING);
		t.state = OK;
		t.firingId = null;
		t.pendingSince = null;
		t.clearSince = null;
		if (wasFiring) {
			t.lastRecoveredAt = now;
		}
		this.repository.saveState(t.rule.id(), t.saved());
	}

	/** Not muted, and the cool-down since the last notification has passed. */
	private boolean mayNotify(Tracked t, Instant now) {
		if (t.rule.muted(now)) {
			return false;
		}
		return t.lastNotifiedAt == null
				|| !now.isBefore(t.lastNotifiedAt.plusSeconds(t.rule.settings().cooldownSeconds()));
	}

	private boolean send(Tracked t, AlertNotifier.Event event, long count, long repeats) {
		try {
			this.notifier.send(t.rule, event, count, repeats);
			return true;
		}
		catch (RuntimeException ex) {
			// Logged as a warning: an error line could feed a rule on Vigil's own log.
			log.warn("alert notification for rule {} not sent: {}", t.rule.id(), ex.toString());
			return false;
		}
	}

	private void track(Rule rule, @Nullable Firing last) {
		Tracked t = new Tracked(rule, counter(rule.settings()));
		if (t.state.equals(PENDING)) {
			t.state = OK;
		}
		if (t.state.equals(FIRING)) {
			if (last != null && last.recoveredAt() == null) {
				t.firingId = last.id();
				t.firingNotified = last.notified();
				t.repeats = last.repeats();
				t.firingBase = -last.matched();
			}
			t.lastOccurrence = this.clock.instant();
		}
		try {
			watch(t);
			this.tracked.put(rule.id(), t);
		}
		catch (RuntimeException ex) {
			// A source removed from the configuration since the rule was made.
			log.warn("alert rule {} not evaluated: {}", rule.id(), ex.getMessage());
		}
	}

	private void watch(Tracked t) {
		String source = t.rule.settings().source();
		Watch watch = this.sources.get(source);
		if (watch == null) {
			List<Tracked> rules = new CopyOnWriteArrayList<>();
			LogWatches.Registration registration = this.watches.watch(source, (line) -> offer(rules, line));
			watch = new Watch(registration, rules);
			this.sources.put(source, watch);
		}
		watch.rules().add(t);
	}

	private void untrack(Tracked t) {
		this.tracked.remove(t.rule.id());
		String source = t.rule.settings().source();
		Watch watch = this.sources.get(source);
		if (watch != null) {
			watch.rules().remove(t);
			if (watch.rules().isEmpty()) {
				this.sources.remove(source);
				watch.registration().close();
			}
		}
	}

	private RuleCounter counter(Settings s) {
		Set<String> levels = Set.copyOf(s.levels());
		return new RuleCounter(levels, compile(s.pattern()), compile(s.exclude()), s.windowSeconds() * 1000L);
	}

	static @Nullable BoundedRegex compile(String regex) {
		return regex.isEmpty() ? null : BoundedRegex.compile(regex);
	}

	private void tick() {
		try {
			evaluate(this.clock.instant());
		}
		catch (RuntimeException ex) {
			// A scheduled task that throws is never run again.
			log.warn("alert evaluation failed: {}", ex.toString());
		}
	}

	@Override
	public synchronized void start() {
		if (this.scheduler == null) {
			load();
			this.scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
				Thread thread = new Thread(runnable, "alerts-tick");
				thread.setDaemon(true);
				return thread;
			});
			long period = this.properties.tick().toMillis();
			this.scheduler.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService running;
		synchronized (this) {
			running = this.scheduler;
			this.scheduler = null;
		}
		if (running != null) {
			running.shutdownNow();
		}
		synchronized (this) {
			for (Watch watch : this.sources.values()) {
				watch.registration().close();
			}
			this.sources.clear();
			this.tracked.clear();
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}
