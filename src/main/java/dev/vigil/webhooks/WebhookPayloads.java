package dev.vigil.webhooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import dev.vigil.notifications.NotificationsSent;

/** The bodies endpoints receive, in their format. */
@Component
class WebhookPayloads {

	static final String VIGIL = "vigil";

	static final String SLACK = "slack";

	static final List<String> FORMATS = List.of(VIGIL, SLACK);

	private final JsonMapper json;

	WebhookPayloads(JsonMapper json) {
		this.json = json;
	}

	/**
	 * @param eventId one id per send, the same for every endpoint it reaches
	 * @param event {@code notification} or {@code test}
	 */
	String body(String format, String eventId, String event, NotificationsSent sent) {
		if (SLACK.equals(format)) {
			return this.json.writeValueAsString(Map.of("text", slackText(sent)));
		}
		Map<String, Object> notification = new LinkedHashMap<>();
		notification.put("type", sent.type());
		notification.put("title", sent.title());
		notification.put("message", sent.message());
		notification.put("data", data(sent.data()));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", eventId);
		body.put("event", event);
		body.put("notification", notification);
		body.put("audience", sent.audience());
		body.put("recipients",
				sent.recipients()
					.stream()
					.map((r) -> Map.of("admin_id", r.adminId(), "notification_id", r.notificationId()))
					.toList());
		body.put("sent_at", sent.sentAt().toString());
		return this.json.writeValueAsString(body);
	}

	/**
	 * {@code *[WARNING] Title*} and the message on the next line, in Slack's mrkdwn
	 * (which wants {@code &}, {@code <} and {@code >} escaped).
	 */
	static String slackText(NotificationsSent sent) {
		String head = "*[" + sent.type().toUpperCase(Locale.ROOT) + "] " + escape(sent.title()) + "*";
		return sent.message().isEmpty() ? head : head + "\n" + escape(sent.message());
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	private @Nullable Object data(@Nullable String data) {
		if (data == null) {
			return null;
		}
		try {
			return this.json.readTree(data);
		}
		catch (JacksonException ex) {
			return data;
		}
	}

}
