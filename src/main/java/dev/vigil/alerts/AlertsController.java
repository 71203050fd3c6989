package dev.vigil.alerts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.vigil.NotFoundException;
import dev.vigil.alerts.AlertRepository.Firing;
import dev.vigil.alerts.AlertRepository.Rule;
import dev.vigil.alerts.AlertRepository.Settings;
import dev.vigil.audit.AuditLog;
import dev.vigil.auth.CurrentAdmin;
import dev.vigil.logs.LogWatches;
import dev.vigil.web.ApiException;

/**
 * Alert rules on the logs, their state and firing history (scope {@code admin:alerts}:
 * admins and superadmins, enforced by the security chain).
 */
@RestController
@RequestMapping("/api/admin/alerts")
class AlertsController {

	private final AlertService alerts;

	private final AlertEngine engine;

	private final AuditLog audit;

	private final Clock clock;

	private final LogWatches watches;

	AlertsController(AlertService alerts, AlertEngine engine, AuditLog audit, Clock clock, LogWatches watches) {
		this.watches = watches;
		this.alerts = alerts;
		this.engine = engine;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * A rule as created or updated.
	 *
	 * @param name shown in notifications
	 * @param source a configured log source ({@code vigil} is Vigil's own log)
	 * @param levels levels that count (lower case); empty or null for any
	 * @param pattern case-insensitive Java regex an entry's text must contain; empty for
	 * any (at most 500 characters)
	 * @param exclude case-insensitive Java regex of entries that never count
	 * @param threshold matching entries in the window that make the condition true
	 * @param windowSeconds the sliding window (10 s to 24 h)
	 * @param forSeconds how long the condition must hold before the rule fires
	 * @param cooldownSeconds least time between two notifications of the rule
	 * @param recipientRole notify every active admin of this role ({@code superadmin},
	 * {@code admin}, {@code viewer}), or null with {@code recipient_admin_ids}
	 * @param recipientAdminIds notify these admins
	 * @param enabled evaluated at all (default true)
	 */
	record RuleRequest(@Nullable String name, @Nullable String source, @Nullable List<String> levels,
			@Nullable String pattern, @Nullable String exclude, @Nullable Integer threshold,
			@Nullable Integer windowSeconds, @Nullable Integer forSeconds, @Nullable Integer cooldownSeconds,
			@Nullable String recipientRole, @Nullable List<Long> recipientAdminIds, @Nullable Boolean enabled) {

		Settings settings() {
			if (this.threshold == null) {
				throw ApiException.invalid("threshold", "required");
			}
			if (this.windowSeconds == null) {
				throw ApiException.invalid("window_seconds", "required");
			}
			List<Long> ids = new ArrayList<>();
			if (this.recipientAdminIds != null) {
				for (Long id : this.recipientAdminIds) {
					if (id == null) {
						throw ApiException.invalid("recipient_admin_ids", "ids must be numbers");
					}
					ids.add(id);
				}
			}
			List<String> levelList = new ArrayList<>();
			if (this.levels != null) {
				for (String level : this.levels) {
					if (level == null) {
						throw ApiException.invalid("levels", "levels must be strings");
					}
					levelList.add(level);
				}
			}
			return new Settings((this.name != null) ? this.name : "", (this.source != null) ? this.source : "",
					levelList, (this.pattern != null) ? this.pattern : "", (this.exclude != null) ? this.exclude : "",
					this.threshold, this.windowSeconds, (this.forSeconds != null) ? this.forSeconds : 0,
					(this.cooldownSeconds != null) ? this.cooldownSeconds : 0, this.recipientRole, ids,
					this.enabled == null || this.enabled);
		}

	}

	/**
	 * @param until mute until this instant
	 * @param duration or for this long: {@code 15m}, {@code 1h}, {@code 8h}, {@code 1d}
	 */
	record MuteRequest(@Nullable Instant until, @JsonProperty("for") @Nullable String duration) {
	}

	/**
	 * One firing.
	 *
	 * @param matched matching entries from the window that fired it until it cleared
	 * @param repeats further windows over the threshold grouped into it
	 * @param notified whether its recipients were told (not muted, not in cool-down)
	 */
	record FiringView(long id, Instant firedAt, @Nullable Instant recoveredAt, long matched, long repeats,
			boolean notified) {

		static FiringView of(Firing f) {
			return new FiringView(f.id(), f.firedAt(), f.recoveredAt(), f.matched(), f.repeats(), f.notified());
		}

	}

	/**
	 * A rule with where its evaluation stands.
	 *
	 * @param state {@code ok}, {@code pending} (over the threshold, waiting out
	 * {@code for}) or {@code firing}
	 * @param muted muted now ({@code muted_until} in the future)
	 * @param count matching entries in the current window
	 * @param repeats windows grouped into the open firing
	 * @param lastFiring the newest firing, or null
	 */
	record RuleView(long id, String name, String source, List<String> levels, String pattern, String exclude,
			int threshold, int windowSeconds, int forSeconds, int cooldownSeconds, @Nullable String recipientRole,
			List<Long> recipientAdminIds, boolean enabled, @Nullable Instant mutedUntil, boolean muted, String state,
			@Nullable Instant lastFiredAt, @Nullable Instant lastRecoveredAt, long fireCount, long count, long repeats,
			@Nullable FiringView lastFiring, @Nullable Long createdBy, Instant createdAt, Instant updatedAt) {

	}

	private RuleView view(Rule r, @Nullable Firing last, Map<Long, AlertEngine.Live> live) {
		Settings s = r.settings();
		AlertEngine.Live now = live.get(r.id());
		return new RuleView(r.id(), s.name(), s.source(), s.levels(), s.pattern(), s.exclude(), s.threshold(),
				s.windowSeconds(), s.forSeconds(), s.cooldownSeconds(), s.recipientRole(), s.recipientAdmins(),
				s.enabled(), r.mutedUntil(), r.muted(this.clock.instant()), r.state(), r.lastFiredAt(),
				r.lastRecoveredAt(), r.fireCount(), (now != null) ? now.count() : 0,
				(now != null && r.state().equals(AlertEngine.FIRING)) ? now.repeats() : 0,
				(last != null) ? FiringView.of(last) : null, r.createdBy(), r.createdAt(), r.updatedAt());
	}

	private RuleView view(Rule r) {
		List<Firing> last = this.alerts.firings(r.id());
		return view(r, last.isEmpty() ? null : last.get(0), this.engine.live());
	}

	/** Rules on sources the admin may not read are not theirs to see. */
	@GetMapping
	Map<String, Object> list(@AuthenticationPrincipal CurrentAdmin me) {
		Map<Long, Firing> last = this.alerts.lastFirings();
		Map<Long, AlertEngine.Live> live = this.engine.live();
		List<RuleView> rules = this.alerts.list()
			.stream()
			.filter((r) -> readable(r.settings().source(), me))
			.map((r) -> view(r, last.get(r.id()), live))
			.toList();
		return Map.of("rules", rules, "total", rules.size());
	}

	@GetMapping("/{id}")
	Map<String, Object> get(@AuthenticationPrincipal CurrentAdmin me, @PathVariable long id) {
		return Map.of("rule", view(visible(id, me)));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, Object> create(@AuthenticationPrincipal CurrentAdmin me, @RequestBody RuleRequest request) {
		requireReadable(request.settings().source(), me);
		Rule rule = this.alerts.create(request.settings(), me.id());
		this.audit.record("alert_rule.create", "alert_rule", rule.id(), describe(rule.settings()));
		return Map.of("rule", view(rule));
	}

	@PutMapping("/{id}")
	Map<String, Object> update(@AuthenticationPrincipal CurrentAdmin me, @PathVariable long id,
			@RequestBody RuleRequest request) {
		visible(id, me);
		requireReadable(request.settings().source(), me);
		Rule rule = this.alerts.update(id, request.settings());
		this.audit.record("alert_rule.update", "alert_rule", id, describe(rule.settings()));
		return Map.of("rule", view(rule));
	}

	@DeleteMapping("/{id}")
	Map<String, Object> delete(@AuthenticationPrincipal CurrentAdmin me, @PathVariable long id) {
		Rule rule = visible(id, me);
		this.alerts.delete(id);
		this.audit.record("alert_rule.delete", "alert_rule", id, rule.settings().name());
		return Map.of("ok", true);
	}

	@PostMapping("/{id}/mute")
	Map<String, Object> mute(@AuthenticationPrincipal CurrentAdmin me, @PathVariable long id,
			@RequestBody MuteRequest request) {
		visible(id, me);
		Rule rule = this.alerts.mute(id, request.until(), request.duration());
		this.audit.record("alert_rule.mute", "alert_rule", id, rule.settings().name() + " until " + rule.mutedUntil());
		return Map.of("rule", view(rule));
	}

	@DeleteMapping("/{id}/mute")
	Map<String, Object> unmute(@AuthenticationPrincipal CurrentAdmin me, @PathVariable long id) {
		visible(id, me);
		Rule rule = this.alerts.unmute(id);
		this.audit.record("alert_rule.unmute", "alert_rule", id, rule.settings().name());
		return Map.of("rule", view(rule));
	}

	/** The newest firings (at most 50), newest first. */
	@GetMapping("/{id}/firings")
	Map<String, Object> firings(@AuthenticationPrincipal CurrentAdmin me, @PathVariable long id) {
		visible(id, me);
		List<FiringView> firings = this.alerts.firings(id).stream().map(FiringView::of).toList();
		return Map.of("firings", firings, "total", firings.size());
	}

	private Rule visible(long id, CurrentAdmin me) {
		Rule rule = this.alerts.get(id);
		if (!readable(rule.settings().source(), me)) {
			throw new NotFoundException("alert rule not found");
		}
		return rule;
	}

	private void requireReadable(@Nullable String source, CurrentAdmin me) {
		if (source != null && this.watches.sources().contains(source.strip())
				&& !this.watches.mayRead(source.strip(), me)) {
			throw new ApiException(HttpStatus.FORBIDDEN, "you may not read this log source");
		}
	}

	private boolean readable(String source, CurrentAdmin me) {
		// A source removed from the configuration since: its rules stay manageable.
		return !this.watches.sources().contains(source) || this.watches.mayRead(source, me);
	}

	private static String describe(Settings s) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("name", s.name());
		details.put("source", s.source());
		details.put("levels", String.join(",", s.levels()));
		details.put("pattern", s.pattern());
		details.put("exclude", s.exclude());
		details.put("threshold", s.threshold());
		details.put("window", s.windowSeconds());
		details.put("for", s.forSeconds());
		details.put("cooldown", s.cooldownSeconds());
		details.put("recipients",
				(s.recipientRole() != null) ? "role:" + s.recipientRole() : s.recipientAdmins().toString());
		details.put("enabled", s.enabled());
		return details.toString();
	}

}
