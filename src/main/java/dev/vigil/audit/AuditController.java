package dev.vigil.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.vigil.web.ApiException;
import dev.vigil.web.Csv;
import dev.vigil.web.ListQuery;

/**
 * Read side of the audit log (scope {@code admin:audit}, enforced by the security chain).
 */
@RestController
@RequestMapping("/api/admin/audit")
class AuditController {

	private static final Map<String, String> SORTABLE = Map.of("id", "l.id", "action", "l.action", "entity_type",
			"l.entity_type", "admin_id", "l.admin_id", "created_at", "l.created_at");

	private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	private final AuditRepository repository;

	private final AuditLog audit;

	AuditController(AuditRepository repository, AuditLog audit) {
		this.repository = repository;
		this.audit = audit;
	}

	record Page(List<AuditLog.Listed> entries, long total) {
	}

	@GetMapping
	Page list(@RequestParam(required = false) @Nullable String action,
			@RequestParam(name = "admin_id", required = false) @Nullable Long adminId,
			@RequestParam(required = false) @Nullable String search,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable Integer offset,
			@RequestParam(required = false) @Nullable String sort,
			@RequestParam(required = false) @Nullable String order) {
		AuditRepository.Filter filter = new AuditRepository.Filter(blankToNull(action), adminId, blankToNull(search),
				inRange(from, "from"), inRange(to, "to"));
		ListQuery query = ListQuery.of(limit, offset, sort, order, SORTABLE, "id", "DESC");
		return new Page(this.audit.list(filter, query), this.repository.count(filter));
	}

	@GetMapping("/export")
	ResponseEntity<byte[]> export(@RequestParam(required = false) @Nullable String action,
			@RequestParam(name = "admin_id", required = false) @Nullable Long adminId,
			@RequestParam(required = false) @Nullable String search) {
		AuditRepository.Filter filter = new AuditRepository.Filter(blankToNull(action), adminId, blankToNull(search),
				null, null);
		return Csv.export("audit", AuditLog.CSV_HEADER, this.audit.csvRows(filter));
	}

	/**
	 * Times are compared as epoch milliseconds: an instant beyond that range is a bad
	 * request, not an overflow.
	 */
	private static @Nullable Instant inRange(@Nullable Instant instant, String name) {
		if (instant != null && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST))) {
			throw ApiException.badRequest("invalid " + name);
		}
		return instant;
	}

	private static @Nullable String blankToNull(@Nullable String s) {
		return (s == null || s.isBlank()) ? null : s;
	}

}
