package dev.vigil.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.vigil.web.ClientAddress;

/**
 * The audit module's API: every mutation records who did what to which entity, from where.
 * Written synchronously so an audited change and its row are never separated by a crash window
 * larger than one statement.
 */
@Service
public class AuditLog {

	private final AuditRepository repository;

	private final ClientAddress clientAddress;

	AuditLog(AuditRepository repository, ClientAddress clientAddress) {
		this.repository = repository;
		this.clientAddress = clientAddress;
	}

	/** Records an action by the authenticated admin of the current request. */
	public void record(String action, String entityType, Object entityId, String details) {
		recordAs(currentAdminId(), action, entityType, entityId, details);
	}

	/** Records an action by a given admin (for example at login, before the request is authenticated). */
	public void recordAs(Long adminId, String action, String entityType, Object entityId, String details) {
		String ip = "";
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			ip = this.clientAddress.of(request);
		}
		String requestId = MDC.get("request_id");
		this.repository.insert(new AuditRepository.NewEntry(adminId, action, entityType,
				(entityId != null) ? entityId.toString() : "", (details != null) ? details : "", ip,
				(requestId != null) ? requestId : ""));
	}

	private static Long currentAdminId() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()) {
			return null;
		}
		try {
			return Long.valueOf(authentication.getName());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
