package dev.vigil.notifications;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.vigil.admins.ActiveAdmins;
import dev.vigil.admins.AdminAccountChanged;
import dev.vigil.auth.Roles;
import dev.vigil.auth.SignedIn;

/**
 * Notifications Vigil raises by itself: a sign-in from a new device (to that admin) and
 * admin accounts created, deactivated or deleted (to the other superadmins). A failure
 * here is logged and never fails the sign-in or change that caused it.
 */
@Component
class SystemNotifications {

	private static final Logger log = LoggerFactory.getLogger(SystemNotifications.class);

	private final NotificationService notifications;

	private final ActiveAdmins admins;

	SystemNotifications(NotificationService notifications, ActiveAdmins admins) {
		this.notifications = notifications;
		this.admins = admins;
	}

	@EventListener
	void onSignIn(SignedIn event) {
		if (!event.newDevice()) {
			return;
		}
		try {
			this.notifications.notify(event.adminId(), "warning", "New sign-in",
					"Signed in from a new device: " + event.ip() + " — " + describe(event.userAgent()),
					Map.of("ip", event.ip(), "user_agent", event.userAgent(), "session_id", event.sessionId()));
		}
		catch (RuntimeException ex) {
			log.warn("could not notify about a new sign-in device", ex);
		}
	}

	@EventListener
	void onAdminAccountChanged(AdminAccountChanged event) {
		try {
			String verb = switch (event.change()) {
				case CREATED -> "created";
				case DEACTIVATED -> "deactivated";
				case DELETED -> "deleted";
			};
			List<Long> recipients = this.admins.ids(Roles.SUPERADMIN)
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
