package dev.vigil.notifications;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.vigil.admins.ActiveAdmins;
import dev.vigil.audit.AuditLog;
import dev.vigil.auth.CurrentAdmin;
import dev.vigil.auth.Roles;
import dev.vigil.web.ApiException;

/**
 * Sends a validated {@link SendRequest} to the recipients it selects and audits it: the
 * one path behind the admin panel's "Send" and the machine API's
 * {@code POST /api/v1/notifications}.
 */
@Component
class NotificationSender {

	private final NotificationService notifications;

	private final ActiveAdmins admins;

	private final AuditLog audit;

	private final Roles roles;

	NotificationSender(NotificationService notifications, ActiveAdmins admins, AuditLog audit, Roles roles) {
		this.roles = roles;
		this.notifications = notifications;
		this.admins = admins;
		this.audit = audit;
	}

	/**
	 * @param sender who sends: an API key is named in the audit entry
	 * @return the new notifications' ids, one per recipient
	 */
	List<Long> send(SendRequest body, CurrentAdmin sender) {
		String target;
		List<Long> ids;
		if (body.toAll()) {
			target = "all";
			ids = this.notifications.notifyAll(body.type(), body.title(), body.message(), body.data());
		}
		else if (body.role() != null) {
			String role = body.role();
			if (!this.roles.exists(role)) {
				throw ApiException.invalid("role", "unknown role");
			}
			target = "role:" + role;
			ids = this.notifications.notifyRole(role, body.type(), body.title(), body.message(), body.data());
		}
		else {
			long adminId = (body.email() != null)
					? this.admins.idByEmail(body.email())
						.orElseThrow(() -> ApiException.invalid("email", "no active admin with this email"))
					: body.adminId();
			if (!this.admins.isActive(adminId)) {
				throw ApiException.invalid("admin_id", "no active admin with this id");
			}
			target = Long.toString(adminId);
			ids = List.of(this.notifications.notify(adminId, body.type(), body.title(), body.message(), body.data()));
		}
		String via = sender.viaApiKey() ? " (API " + sender.sessionId() + ")" : "";
		this.audit.record("notification.send", "admin", target, body.title() + via);
		return ids;
	}

}
