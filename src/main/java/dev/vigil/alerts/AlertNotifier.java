package dev.vigil.alerts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.vigil.admins.ActiveAdmins;
import dev.vigil.alerts.AlertRepository.Rule;
import dev.vigil.alerts.AlertRepository.Settings;
import dev.vigil.notifications.NotificationService;

/**
 * Tells a rule's recipients that it fired, still fires, or recovered. The notifications
 * are of the existing types ({@code error} when firing, {@code success} when recovered),
 * so email and webhook channels that take those types deliver them too; {@code data.kind}
 * marks them as log alerts.
 */
@Component
class AlertNotifier {

	static final String KIND = "log_alert";

	private final NotificationService notifications;

	private final ActiveAdmins admins;

	AlertNotifier(NotificationService notifications, ActiveAdmins admins) {
		this.notifications = notifications;
		this.admins = admins;
	}

	enum Event {

		FIRING, STILL_FIRING, RECOVERED

	}

	/** Sends one notification per recipient; how many were sent. */
	int send(Rule rule, Event event, long count, long repeats) {
		Settings s = rule.settings();
		String what = describe(s, count);
		String title = switch (event) {
			case FIRING -> "Alert: " + s.name() + " — " + what;
			case STILL_FIRING -> "Alert: " + s.name() + " — still firing, " + what;
			case RECOVERED -> "Recovered: " + s.name();
		};
		String message = switch (event) {
			case FIRING,
					STILL_FIRING ->
				"At least " + s.threshold() + " matching " + ((s.threshold() == 1) ? "entry" : "entries") + " in "
						+ window(s.windowSeconds()) + " on " + s.source()
						+ ((repeats > 0) ? "; " + repeats + " repeated windows grouped" : "") + ".";
			case RECOVERED -> "Fewer than " + s.threshold() + " matching entries in " + window(s.windowSeconds())
					+ " on " + s.source() + " for a whole window"
					+ ((repeats > 0) ? "; " + repeats + " repeated windows were grouped" : "") + ".";
		};
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("kind", KIND);
		data.put("event", event.name().toLowerCase(java.util.Locale.ROOT));
		data.put("rule_id", rule.id());
		data.put("rule", s.name());
		data.put("log_source", s.source());
		data.put("count", count);
		data.put("threshold", s.threshold());
		data.put("window", s.windowSeconds());
		data.put("repeats", repeats);
		data.put("link", link(s));
		String type = (event == Event.RECOVERED) ? "success" : "error";
		if (s.recipientRole() != null) {
			return this.notifications.notifyRole(s.recipientRole(), type, title, message, data).size();
		}
		List<Long> active = s.recipientAdmins().stream().filter(this.admins::isActive).toList();
		return active.isEmpty() ? 0 : this.notifications.notifyEach(active, type, title, message, data).size();
	}

	/** "57 error lines in 1 min on nginx". */
	static String describe(Settings s, long count) {
		String levels = String.join("/", s.levels());
		String kind = levels.isEmpty() ? "matching" : levels;
		if (!levels.isEmpty() && (!s.pattern().isEmpty() || !s.exclude().isEmpty())) {
			kind += " matching";
		}
		return count + " " + kind + ((count == 1) ? " line" : " lines") + " in " + window(s.windowSeconds()) + " on "
				+ s.source();
	}

	static String window(int seconds) {
		if (seconds % 3600 == 0) {
			return (seconds / 3600) + " h";
		}
		if (seconds % 60 == 0) {
			return (seconds / 60) + " min";
		}
		return seconds + " s";
	}

	/** The viewer with the rule's filter (under the admin UI's base path). */
	static String link(Settings s) {
		StringBuilder link = new StringBuilder("/admin/logs?source=").append(encode(s.source()));
		if (!s.levels().isEmpty()) {
			link.append("&level=").append(encode(String.join(",", s.levels())));
		}
		if (!s.pattern().isEmpty()) {
			link.append("&regex=").append(encode(s.pattern()));
		}
		if (!s.exclude().isEmpty()) {
			link.append("&exclude=").append(encode(s.exclude()));
		}
		return link.toString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
