package dev.vigil.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import dev.vigil.audit.AuditLog;
import dev.vigil.auth.SessionRevokedEvent.Reason;
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
	AuditLog audit;

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

	private static SessionRepository.Session session(String id, long adminId, Instant revokedAt) {
		return new SessionRepository.Session(id, adminId, "hash", null, NOW, NOW.plusSeconds(3600), revokedAt);
	}

}
