package dev.vigil.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import dev.vigil.NotFoundException;
import dev.vigil.admins.ActiveAdmins;
import dev.vigil.alerts.AlertRepository.Firing;
import dev.vigil.alerts.AlertRepository.Rule;
import dev.vigil.alerts.AlertRepository.Settings;
import dev.vigil.auth.Roles;
import dev.vigil.logs.LogWatches;
import dev.vigil.web.ApiException;

/**
 * Alert rules: their settings, checked here, stored, and handed to the
 * {@link AlertEngine} whenever they change.
 */
@Service
class AlertService {

	static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error", "fatal", "unknown");

	static final int MAX_PATTERN = 500;

	/** The longest mute. */
	static final Duration MAX_MUTE = Duration.ofDays(365);

	private static final Pattern DURATION = Pattern.compile("(\\d{1,6})\\s*(s|m|h|d)");

	private final AlertRepository repository;

	private final AlertEngine engine;

	private final AlertRuleRelay rules;

	private final LogWatches watches;

	private final ActiveAdmins admins;

	private final AlertsProperties properties;

	private final Clock clock;

	private final Roles roles;

	AlertService(AlertRepository repository, AlertEngine engine, AlertRuleRelay rules, LogWatches watches,
			ActiveAdmins admins, AlertsProperties properties, Clock clock, Roles roles) {
		this.roles = roles;
		this.rules = rules;
		this.repository = repository;
		this.engine = engine;
		this.watches = watches;
		this.admins = admins;
		this.properties = properties;
		this.clock = clock;
	}

	List<Rule> list() {
		return this.repository.all();
	}

	Rule get(long id) {
		return this.repository.find(id).orElseThrow(AlertService::notFound);
	}

	Rule create(Settings requested, @Nullable Long createdBy) {
		Settings settings = checked(requested);
		long id = this.repository.insert(settings, createdBy, this.clock.instant());
		this.rules.changed(id);
		return get(id);
	}

	Rule update(long id, Settings requested) {
		Settings settings = checked(requested);
		if (!this.repository.update(id, settings, this.clock.instant())) {
			throw notFound();
		}
		this.rules.changed(id);
		return get(id);
	}

	void delete(long id) {
		if (!this.repository.delete(id)) {
			throw notFound();
		}
		this.rules.changed(id);
	}

	/** Mutes until {@code until}, or for a duration such as {@code 1h}. */
	Rule mute(long id, @Nullable Instant until, @Nullable String duration) {
		Instant now = this.clock.instant();
		Instant end;
		if (until != null && duration == null) {
			end = until;
		}
		else if (duration != null && until == null) {
			end = now.plus(duration(duration));
		}
		else {
			throw ApiException.invalid("for", "give either until (an instant) or for (such as 1h)");
		}
		if (!end.isAfter(now)) {
			throw ApiException.invalid("until", "must be in the future");
		}
		if (end.isAfter(now.plus(MAX_MUTE))) {
			throw ApiException.invalid("until", "at most 365 days ahead");
		}
		if (!this.repository.setMutedUntil(id, end, now)) {
			throw notFound();
		}
		this.rules.changed(id);
		return get(id);
	}

	Rule unmute(long id) {
		if (!this.repository.setMutedUntil(id, null, this.clock.instant())) {
			throw notFound();
		}
		this.rules.changed(id);
		return get(id);
	}

	java.util.Map<Long, Firing> lastFirings() {
		return this.repository.lastFirings();
	}

	List<Firing> firings(long id) {
		get(id);
		return this.repository.firings(id, this.properties.history());
	}

	static Duration duration(String text) {
		Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
		if (!m.matches()) {
			throw ApiException.invalid("for", "a duration such as 15m, 1h, 8h or 1d");
		}
		long n = Long.parseLong(m.group(1));
		return switch (m.group(2)) {
			case "s" -> Duration.ofSeconds(n);
			case "m" -> Duration.ofMinutes(n);
			case "h" -> Duration.ofHours(n);
			default -> Duration.ofDays(n);
		};
	}

	/** The settings as stored: trimmed, defaults applied; 422 naming the bad field. */
	Settings checked(Settings s) {
		String name = s.name().strip();
		if (name.isEmpty() || name.length() > 100) {
			throw ApiException.invalid("name", "required, at most 100 characters");
		}
		String source = s.source().strip();
		if (!this.watches.sources().contains(source)) {
			throw ApiException.invalid("source",
					"unknown log source; one of " + String.join(", ", this.watches.sources()));
		}
		Set<String> levels = new LinkedHashSet<>();
		for (String level : s.levels()) {
			String l = level.strip().toLowerCase(Locale.ROOT);
			if (l.isEmpty()) {
				continue;
			}
			if (!LEVELS.contains(l)) {
				throw ApiException.invalid("levels", "unknown level '" + l + "'");
			}
			levels.add(l);
		}
		String pattern = checkedRegex("pattern", s.pattern());
		String exclude = checkedRegex("exclude", s.exclude());
		if (s.threshold() < 1 || s.threshold() > 1_000_000) {
			throw ApiException.invalid("threshold", "between 1 and 1000000");
		}
		long min = this.properties.minWindow().toSeconds();
		long max = this.properties.maxWindow().toSeconds();
		if (s.windowSeconds() < min || s.windowSeconds() > max) {
			throw ApiException.invalid("window_seconds", "between " + min + " and " + max + " seconds");
		}
		if (s.forSeconds() < 0 || s.forSeconds() > max) {
			throw ApiException.invalid("for_seconds", "between 0 and " + max + " seconds");
		}
		if (s.cooldownSeconds() < 0 || s.cooldownSeconds() > 7 * 86400) {
			throw ApiException.invalid("cooldown_seconds", "between 0 and 604800 seconds (7 days)");
		}
		String role = (s.recipientRole() != null && !s.recipientRole().isBlank()) ? s.recipientRole().strip() : null;
		List<Long> ids = new ArrayList<>(new LinkedHashSet<>(s.recipientAdmins()));
		if ((role == null) == ids.isEmpty()) {
			throw ApiException.invalid("recipient_role", "give either a role or a list of admin ids");
		}
		if (role != null && !this.roles.exists(role)) {
			throw ApiException.invalid("recipient_role", "unknown role");
		}
		if (ids.size() > 100) {
			throw ApiException.invalid("recipient_admin_ids", "at most 100 admins");
		}
		for (long id : ids) {
			if (!this.admins.isActive(id)) {
				throw ApiException.invalid("recipient_admin_ids", "no active admin with id " + id);
			}
		}
		return new Settings(name, source, List.copyOf(levels), pattern, exclude, s.threshold(), s.windowSeconds(),
				s.forSeconds(), s.cooldownSeconds(), role, List.copyOf(ids), s.enabled());
	}

	private static String checkedRegex(String field, String regex) {
		if (regex.length() > MAX_PATTERN) {
			throw ApiException.invalid(field, "at most " + MAX_PATTERN + " characters");
		}
		if (regex.isEmpty()) {
			return regex;
		}
		try {
			AlertEngine.compile(regex);
		}
		catch (PatternSyntaxException ex) {
			throw ApiException.invalid(field, "not a valid regular expression: " + ex.getDescription());
		}
		return regex;
	}

	private static NotFoundException notFound() {
		return new NotFoundException("alert rule not found");
	}

}
