package dev.vigil.auth;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import dev.vigil.audit.AuditLog;
import dev.vigil.auth.SessionRevoked.Reason;
import dev.vigil.support.ControllerSlice;
import dev.vigil.support.Slice;

import static dev.vigil.support.Slice.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

@ControllerSlice(SessionsController.class)
class SessionsControllerTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	@Autowired
	MockMvcTester mvc;

	@Autowired
	SessionService sessions;

	@MockitoBean
	SessionRepository repository;

	@MockitoBean
	AdminAccounts accounts;

	@MockitoBean
	AuditLog audit;

	@Test
	void listedSessionsNameTheirAdminsWithOneLookupAndAnAdminWithoutAnAccountAsEmpty() {
		given(this.repository.list(any(), any(), any())).willReturn(
				List.of(listed("s1", 3), listed("s2", 3), listed(Slice.SESSION_ID, Slice.ADMIN_ID), listed("s4", 99)));
		given(this.repository.count(any(), any())).willReturn(4L);
		given(this.accounts.names(Set.of(3L, Slice.ADMIN_ID, 99L))).willReturn(Map.of(3L,
				new AdminAccounts.Name("ada@x.test", "Ada"), Slice.ADMIN_ID, new AdminAccounts.Name("me@x.test", "")));

		assertThat(this.mvc.get().uri("/api/admin/sessions").with(Slice.as(Role.ADMIN))).hasStatus(200)
			.bodyJson()
			.isStrictlyEqualTo("""
					{"total": 4, "sessions": [
					  {"id": "s1", "admin_id": 3, "email": "ada@x.test", "name": "Ada", "user_agent": "agent",
					   "ip": "10.0.0.1", "created_at": "2026-01-01T00:00:00Z", "last_used_at": "2026-01-01T00:00:00Z",
					   "expires_at": "2026-01-01T01:00:00Z", "current": false},
					  {"id": "s2", "admin_id": 3, "email": "ada@x.test", "name": "Ada", "user_agent": "agent",
					   "ip": "10.0.0.1", "created_at": "2026-01-01T00:00:00Z", "last_used_at": "2026-01-01T00:00:00Z",
					   "expires_at": "2026-01-01T01:00:00Z", "current": false},
					  {"id": "slice-session", "admin_id": 7, "email": "me@x.test", "name": "", "user_agent": "agent",
					   "ip": "10.0.0.1", "created_at": "2026-01-01T00:00:00Z", "last_used_at": "2026-01-01T00:00:00Z",
					   "expires_at": "2026-01-01T01:00:00Z", "current": true},
					  {"id": "s4", "admin_id": 99, "email": "", "name": "", "user_agent": "agent",
					   "ip": "10.0.0.1", "created_at": "2026-01-01T00:00:00Z", "last_used_at": "2026-01-01T00:00:00Z",
					   "expires_at": "2026-01-01T01:00:00Z", "current": false}
					]}
					""");
		verify(this.accounts).names(any());
	}

	@Test
	void revokingAnUnknownOrEndedSessionIs404() {
		given(this.repository.findById("ended")).willReturn(Optional.of(session("ended", 3, NOW)));

		for (String id : List.of("unknown", "ended")) {
			assertProblem(this.mvc.delete()
				.uri("/api/admin/sessions/" + id)
				.with(Slice.as(Role.ADMIN))
				.with(csrf())
				.exchange(), 404, "session not found");
		}
		verify(this.sessions, never()).revoke(any(), anyLong(), any());
		verifyNoInteractions(this.audit);
	}

	@Test
	void revokingALiveSessionEndsItAndIsAudited() {
		given(this.repository.findById("live")).willReturn(Optional.of(session("live", 3, null)));

		assertThat(this.mvc.delete().uri("/api/admin/sessions/live").with(Slice.as(Role.ADMIN)).with(csrf()))
			.hasStatus(200)
			.bodyJson()
			.isStrictlyEqualTo("{\"ok\": true}");
		verify(this.sessions).revoke("live", 3, Reason.REVOKED);
		verify(this.audit).record("session.revoke", "session", "live", "");
	}

	@Test
	void anotherAdminsSessionIsNotOnesOwn() {
		given(this.repository.findById("theirs")).willReturn(Optional.of(session("theirs", 3, null)));

		assertProblem(this.mvc.delete()
			.uri("/api/admin/profile/sessions/theirs")
			.with(Slice.as(Role.VIEWER))
			.with(csrf())
			.exchange(), 404, "session not found");
		verify(this.sessions, never()).revoke(any(), anyLong(), any());
	}

	@Test
	void aBulkRevokeOfTooManyIdsIs400() {
		String ids = IntStream.rangeClosed(1, 101).mapToObj((i) -> "\"s" + i + "\"").collect(Collectors.joining(","));

		assertProblem(this.mvc.post()
			.uri("/api/admin/sessions/bulk-revoke")
			.with(Slice.as(Role.ADMIN))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"ids\": [" + ids + "]}")
			.exchange(), 400, "maximum 100 ids per request");
		verifyNoInteractions(this.repository);
	}

	@Test
	void everyAdminsSessionsNeedTheSessionsScope() {
		assertProblem(this.mvc.get().uri("/api/admin/sessions").with(Slice.as(Role.VIEWER)).exchange(), 403,
				"insufficient permissions");
		assertProblem(
				this.mvc.delete().uri("/api/admin/sessions/live").with(Slice.as(Role.VIEWER)).with(csrf()).exchange(),
				403, "insufficient permissions");
		verifyNoInteractions(this.repository);
	}

	private static SessionRepository.Listed listed(String id, long adminId) {
		return new SessionRepository.Listed(id, adminId, "agent", "10.0.0.1", NOW, NOW, NOW.plusSeconds(3600));
	}

	private static SessionRepository.Session session(String id, long adminId, Instant revokedAt) {
		return new SessionRepository.Session(id, adminId, "password", "hash", null, NOW, NOW.plusSeconds(3600),
				revokedAt);
	}

}
