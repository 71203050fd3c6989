package dev.vigil.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.vigil.web.ClientAddress;
import dev.vigil.web.Csv;
import dev.vigil.web.ListQuery;

/**
 * The audit module's API: every mutation records who did what to which entity, from
 * where. Written synchronously so an audited change and its row are never separated by a
 * crash window larger than one statement.
 */
@Service
public class AuditLog {

	private final AuditRepository repository;

	private final ClientAddress clientAddress;

	AuditLog(AuditRepository repository, ClientAddress clientAddress) {
		this.repository = repository;
		this.clientAddress = clientAddress;
	}

	static final List<String> CSV_HEADER = List.of("ID", "Admin ID", "Admin Email", "Action", "Entity Type",
			"Entity ID", "Details", "IP", "Created At");

	private static final AuditRepository.Filter ALL = new AuditRepository.Filter(null, null, null, null, null);

	/** Writes the whole audit log as CSV (the export job). */
	public void exportCsv(Path file) throws IOException {
		Csv.write(file, CSV_HEADER, csvRows(ALL));
	}

	/** Deletes entries older than {@code age}; returns how many. */
	public int purgeOlderThan(Duration age) {
		return this.repository.deleteBefore(System.currentTimeMillis() - age.toMillis());
	}

	List<List<?>> csvRows(AuditRepository.Filter filter) {
		ListQuery all = ListQuery.of(null, null, null, null, Map.of("id", "l.id"), "id", "DESC").unpaged();
		return this.repository.find(filter, all)
			.stream()
			.<List<?>>map(
					(e) -> List.of(e.id(), Objects.toString(e.adminId(), ""), Objects.toString(e.adminEmail(), ""),
							e.action(), e.entityType(), e.entityId(), e.details(), e.ip(), e.createdAt()))
			.toList();
	}

	/** Records an action by the authenticated admin of the current request. */
	public void record(String action, String entityType, Object entityId, String details) {
		recordAs(currentAdminId(), action, entityType, entityId, details);
	}

	/**
	 * Records an action by a given admin (for example at login, before the request is
	 * authenticated).
	 */
	public void recordAs(Long adminId, String action, String entityType, Object entityId, String details) {
		String ip = "";
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			ip = this.clientAddress.of(request);
		}
		String requestId = MDC.get("request_id");
		this.repository.insert(
				new AuditRepository.NewEntry(adminId, action, entityType, (entityId != null) ? entityId.toString() : "",
						(details != null) ? details : "", ip, (requestId != null) ? requestId : ""));
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
