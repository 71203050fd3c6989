package dev.vigil.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
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

	private final AdminNames adminNames;

	private final ClientAddress clientAddress;

	private final AuditForwarder forwarder;

	AuditLog(AuditRepository repository, AdminNames adminNames, ClientAddress clientAddress, AuditForwarder forwarder) {
		this.repository = repository;
		this.adminNames = adminNames;
		this.clientAddress = clientAddress;
		this.forwarder = forwarder;
	}

	/**
	 * An entry as listed and exported, with its admin's email and name: null when it has
	 * no admin or the admin has no account.
	 */
	record Listed(long id, @Nullable Long adminId, @Nullable String adminEmail, @Nullable String adminName,
			String action, String entityType, String entityId, String details, String ip, String requestId,
			Instant createdAt) {
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

	/** A page of entries, their admins named with one query. */
	List<Listed> list(AuditRepository.Filter filter, ListQuery query) {
		return named(this.repository.find(filter, query), this.adminNames);
	}

	/** Entries with their admins named, with one query. */
	static List<Listed> named(List<AuditRepository.Entry> entries, AdminNames adminNames) {
		Set<Long> adminIds = entries.stream()
			.map(AuditRepository.Entry::adminId)
			.filter(Objects::nonNull)
			.collect(Collectors.toSet());
		Map<Long, AdminNames.AdminName> names = adminNames.of(adminIds);
		return entries.stream().map((e) -> {
			AdminNames.AdminName admin = (e.adminId() != null) ? names.get(e.adminId()) : null;
			return new Listed(e.id(), e.adminId(), (admin != null) ? admin.email() : null,
					(admin != null) ? admin.name() : null, e.action(), e.entityType(), e.entityId(), e.details(),
					e.ip(), e.requestId(), e.createdAt());
		}).toList();
	}

	List<List<?>> csvRows(AuditRepository.Filter filter) {
		ListQuery all = ListQuery.of(null, null, null, null, Map.of("id", "l.id"), "id", "DESC").unpaged();
		return list(filter, all).stream()
			.<List<?>>map(
					(e) -> List.of(e.id(), Objects.toString(e.adminId(), ""), Objects.toString(e.adminEmail(), ""),
							e.action(), e.entityType(), e.entityId(), e.details(), e.ip(), e.createdAt()))
			.toList();
	}

	/** Records an action by the authenticated admin of the current request. */
	public void record(String action, String entityType, @Nullable Object entityId, @Nullable String details) {
		recordAs(currentAdminId(), action, entityType, entityId, details);
	}

	/**
	 * Records an action by a given admin (for example at login, before the request is
	 * authenticated).
	 */
	public void recordAs(@Nullable Long adminId, String action, String entityType, @Nullable Object entityId,
			@Nullable String details) {
		String ip = "";
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			ip = this.clientAddress.of(request);
		}
		String requestId = MDC.get("request_id");
		long id = this.repository.insert(
				new AuditRepository.NewEntry(adminId, action, entityType, (entityId != null) ? entityId.toString() : "",
						(details != null) ? details : "", ip, (requestId != null) ? requestId : ""));
		// The export senders read committed rows: woken inside a transaction they would
		// find nothing and wait for their fallback poll.
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					AuditLog.this.forwarder.written(id);
				}
			});
		}
		else {
			this.forwarder.written(id);
		}
	}

	/**
	 * Called by a database restore once the restored database is in place, before any
	 * entry is written to it: later entries never reuse an id already exported, and each
	 * export sink continues from the position it had reached (docs/decisions.md, "Audit
	 * that leaves the box").
	 */
	public void databaseReplaced() {
		this.forwarder.databaseReplaced();
	}

	private static @Nullable Long currentAdminId() {
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
