package dev.vigil.notifications;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.vigil.admins.AdminChangedEvent;
import dev.vigil.auth.SignedInEvent;

/**
 * Notifications Vigil raises by itself: a sign-in from a new device (to that admin) and
 * admin accounts created, deactivated or deleted (to the other superadmins). A failure
 * here is logged and never fails the sign-in or change that caused it.
 */
@Component
class SystemNotifications {

	private static final Logger log = LoggerFactory.getLogger(SystemNotifications.class);

	private final NotificationService notifications;

	private final NotificationRepository repository;

	SystemNotifications(NotificationService notifications, NotificationRepository repository) {
		this.notifications = notifications;
		this.repository = repository;
	}

	/** The first device ever seen is not news; any later new IP + user-agent pair is. */
	@EventListener
	void onSignIn(SignedInEvent event) {
		try {
			boolean hadDevices = this.repository.hasKnownDevice(event.adminId());
			if (this.repository.rememberDevice(event.adminId(), event.ip(), event.userAgent()) && hadDevices) {
				this.notifications.notify(event.adminId(), "warning", "New sign-in",
						"Signed in from a new device: " + event.ip() + " — " + describe(event.userAgent()),
						Map.of("ip", event.ip(), "user_agent", event.userAgent(), "session_id", event.sessionId()));
			}
		}
		catch (RuntimeException ex) {
			log.warn("could not record sign-in device", ex);
		}
	}

	@EventListener
	void onAdminChanged(AdminChangedEvent event) {
		try {
			String verb = switch (event.change()) {
				case CREATED -> "created";
				case DEACTIVATED -> "deactivated";
				case DELETED -> "deleted";
			};
			List<Long> recipients = this.repository.activeAdminIds("superadmin")
				.stream()
				.filter((id) -> id != event.actorId() && id != event.adminId())
				.toList();
			this.notifications.notifyEach(recipients, "info", "Admin " + verb,
					"Admin " + event.email() + " was " + verb + ".",
					Map.of("admin_id", event.adminId(), "change", verb, "by", event.actorId()));
		}
		catch (RuntimeException ex) {
			log.warn("could not notify about an admin change", ex);
		}
	}

	private static String describe(String userAgent) {
		return (userAgent == null || userAgent.isBlank()) ? "unknown client" : userAgent;
	}

}
