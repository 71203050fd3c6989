package dev.vigil.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.vigil.NotFoundException;
import dev.vigil.audit.AuditLog;
import dev.vigil.auth.SessionRevoked.Reason;
import dev.vigil.web.BulkIds;
import dev.vigil.web.BulkResult;
import dev.vigil.web.ListQuery;
import dev.vigil.web.Ok;

/**
 * Live sessions: every admin's (scope {@code admin:sessions}) and one's own under
 * {@code /api/admin/profile/sessions} (any admin).
 */
@RestController
class SessionsController {

	private static final Map<String, String> SORTABLE = Map.of("created_at", "s.created_at", "last_used_at",
			"s.last_used_at", "expires_at", "s.expires_at", "admin_id", "s.admin_id");

	/** The email and name of a session whose admin has no account. */
	private static final AdminAccounts.Name NO_ADMIN = new AdminAccounts.Name("", "");

	private final SessionRepository repository;

	private final SessionService sessions;

	private final AdminAccounts accounts;

	private final AuditLog audit;

	private final Clock clock;

	SessionsController(SessionRepository repository, SessionService sessions, AdminAccounts accounts, AuditLog audit,
			Clock clock) {
		this.repository = repository;
		this.sessions = sessions;
		this.accounts = accounts;
		this.audit = audit;
		this.clock = clock;
	}

	record SessionView(String id, long adminId, String email, String name, String userAgent, String ip,
			Instant createdAt, Instant lastUsedAt, Instant expiresAt, boolean current) {
	}

	record Page(List<SessionView> sessions, long total) {
	}

	@GetMapping("/api/admin/sessions")
	Page list(@AuthenticationPrincipal CurrentAdmin me,
			@RequestParam(name = "admin_id", required = false) @Nullable Long adminId,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable Integer offset,
			@RequestParam(required = false) @Nullable String sort,
			@RequestParam(required = false) @Nullable String order) {
		return page(me, adminId, ListQuery.of(limit, offset, sort, order, SORTABLE, "created_at", "DESC"));
	}

	@DeleteMapping("/api/admin/sessions/{id}")
	Ok revoke(@PathVariable String id) {
		SessionRepository.Session session = this.repository.findById(id)
			.filter((s) -> s.revokedAt() == null)
			.orElseThrow(() -> new NotFoundException("session not found"));
		this.sessions.revoke(session.id(), session.adminId(), Reason.REVOKED);
		this.audit.record("session.revoke", "session", id, "");
		return Ok.OK;
	}

	@PostMapping("/api/admin/sessions/bulk-revoke")
	BulkResult bulkRevoke(@RequestBody BulkIds<String> body) {
		int affected = 0;
		for (String id : body.validated()) {
			var session = this.repository.findById(id);
			if (session.isPresent() && this.sessions.revoke(id, session.get().adminId(), Reason.REVOKED)) {
				this.audit.record("session.revoke", "session", id, "bulk");
				affected++;
			}
		}
		return BulkResult.of(affected);
	}

	@GetMapping("/api/admin/profile/sessions")
	Page own(@AuthenticationPrincipal CurrentAdmin me) {
		return page(me, me.id(), ListQuery.of(ListQuery.MAX_LIMIT, 0, null, null, SORTABLE, "created_at", "DESC"));
	}

	@DeleteMapping("/api/admin/profile/sessions/{id}")
	Ok revokeOwn(@AuthenticationPrincipal CurrentAdmin me, @PathVariable String id) {
		this.repository.findById(id)
			.filter((s) -> s.adminId() == me.id() && s.revokedAt() == null)
			.orElseThrow(() -> new NotFoundException("session not found"));
		this.sessions.revoke(id, me.id(), Reason.REVOKED);
		this.audit.record("admin.revoke_session", "session", id, "");
		return Ok.OK;
	}

	private Page page(CurrentAdmin me, @Nullable Long adminId, ListQuery query) {
		Instant now = this.clock.instant();
		List<SessionRepository.Listed> listed = this.repository.list(adminId, query, now);
		Set<Long> adminIds = listed.stream().map(SessionRepository.Listed::adminId).collect(Collectors.toSet());
		Map<Long, AdminAccounts.Name> names = this.accounts.names(adminIds);
		List<SessionView> views = listed.stream().map((s) -> {
			AdminAccounts.Name admin = names.getOrDefault(s.adminId(), NO_ADMIN);
			return new SessionView(s.id(), s.adminId(), admin.email(), admin.name(), s.userAgent(), s.ip(),
					s.createdAt(), s.lastUsedAt(), s.expiresAt(), s.id().equals(me.sessionId()));
		}).toList();
		return new Page(views, this.repository.count(adminId, now));
	}

}
