package dev.vigil.webhooks;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.vigil.notifications.NotificationsSent;

/** Fans every send out to the endpoints that take it (one delivery per endpoint). */
@Component
class WebhookListener {

	/** {@code data.source} of the notifications that report a failing endpoint. */
	static final String ALERT_SOURCE = "webhooks";

	private final WebhookService webhooks;

	private final JsonMapper json;

	WebhookListener(WebhookService webhooks, JsonMapper json) {
		this.webhooks = webhooks;
		this.json = json;
	}

	/** Only queues (rows and jobs), on the sender's thread; never throws. */
	@EventListener
	void on(NotificationsSent sent) {
		this.webhooks.fanOut(sent, isAlert(sent.data()));
	}

	private boolean isAlert(@Nullable String data) {
		if (data == null || !data.contains(ALERT_SOURCE)) {
			return false;
		}
		try {
			JsonNode node = this.json.readTree(data);
			return ALERT_SOURCE.equals(node.path("source").asString(null));
		}
		catch (JacksonException ex) {
			return false;
		}
	}

}
