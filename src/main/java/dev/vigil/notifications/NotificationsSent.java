package dev.vigil.notifications;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Published once per send, after its notifications are stored and streamed: delivery
 * channels (email, webhooks) start from it, so a slow channel never delays a send.
 * Listeners run on the sender's thread and must only queue work (and never throw).
 *
 * @param type {@code info}, {@code success}, {@code warning} or {@code error}
 * @param data the JSON object given with the send, as JSON text, or null
 * @param audience who it was sent to: {@code all}, {@code role:<role id>}, {@code admin}
 * (one admin) or {@code admins} (a list Vigil chose, such as the other superadmins)
 * @param recipients one notification per admin, in admin id order
 */
public record NotificationsSent(String type, String title, String message, @Nullable String data, String audience,
		List<Recipient> recipients, Instant sentAt) {

	public record Recipient(long adminId, long notificationId) {
	}

}
