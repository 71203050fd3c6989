package dev.vigil.notifications;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.vigil.admins.ActiveAdmins;
import dev.vigil.audit.AuditLog;
import dev.vigil.auth.Role;
import dev.vigil.stream.StreamEndpoints;
import dev.vigil.support.ControllerSlice;
import dev.vigil.support.Slice;

import static dev.vigil.support.Slice.assertInvalid;
import static dev.vigil.support.Slice.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

@ControllerSlice(NotificationsController.class)
@Import(NotificationSender.class)
class NotificationsControllerTests {

	private static final String SEND = "/api/admin/notifications/send";

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	NotificationRepository repository;

	@MockitoBean
	NotificationService notifications;

	@MockitoBean
	NotificationChannel channel;

	@MockitoBean
	StreamEndpoints streams;

	@MockitoBean
	ActiveAdmins admins;

	@MockitoBean
	AuditLog audit;

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					{"admin_id": 3}                                         | title    | title is required
					{"admin_id": 3, "title": "   "}                         | title    | title is required
					{"admin_id": 3, "title": "TOO_LONG_TITLE"}              | title    | at most 200 characters
					{"admin_id": 3, "title": "T", "message": "TOO_LONG_MESSAGE"} | message | at most 4000 characters
					{"admin_id": 3, "title": "T", "type": "bogus"}          | type     | must be one of info, success, warning, error
					{"all": true, "title": "T", "type": "Info"}             | type     | must be one of info, success, warning, error
					{"admin_id": 3, "all": true, "title": "T"}              | admin_id | give exactly one of admin_id, email, role or "all": true
					{"title": "T"}                                          | admin_id | give exactly one of admin_id, email, role or "all": true
					{"all": false, "title": "T"}                            | admin_id | give exactly one of admin_id, email, role or "all": true
					{"admin_id": 3, "title": "T", "data": [1, 2]}           | data     | must be a JSON object
					{"admin_id": 3, "title": "T", "data": "text"}           | data     | must be a JSON object
					{"admin_id": 3, "title": "T", "data": {"big": "TOO_BIG_DATA"}} | data | at most 16 KB
					""")
	void anInvalidSendIs422NamingTheFieldAndNotifiesNobody(String body, String field, String message) {
		String json = body.replace("TOO_LONG_TITLE", "x".repeat(201))
			.replace("TOO_LONG_MESSAGE", "x".repeat(4001))
			.replace("TOO_BIG_DATA", "x".repeat(16 * 1024));
		given(this.admins.isActive(anyLong())).willReturn(true);

		assertInvalid(send(json), field, message);
		verifyNoInteractions(this.notifications, this.audit);
	}

	@Test
	void aSendToAnAdminWhoIsNotActiveIs422() {
		given(this.admins.isActive(3)).willReturn(false);

		assertInvalid(send("{\"admin_id\": 3, \"title\": \"T\"}"), "admin_id", "no active admin with this id");
		verifyNoInteractions(this.notifications);
	}

	@Test
	void aSendToOneAdminIsTrimmedAndAudited() {
		given(this.admins.isActive(3)).willReturn(true);
		given(this.notifications.notify(3, null, "Disk almost full", null, null)).willReturn(41L);

		MvcTestResult result = send("{\"admin_id\": 3, \"title\": \"  Disk almost full \", \"type\": \" \"}");

		assertThat(result).hasStatus(201).bodyJson().isLenientlyEqualTo("{\"ok\": true, \"id\": 41, \"sent\": 1}");
		verify(this.audit).record("notification.send", "admin", "3", "Disk almost full");
	}

	@Test
	void aSendToAllCountsTheRecipients() {
		given(this.notifications.notifyAll(any(), any(), any(), any())).willReturn(List.of(1L, 2L, 3L));

		MvcTestResult result = send(
				"{\"all\": true, \"title\": \"T\", \"type\": \"warning\", \"data\": null, \"message\": \"m\"}");

		assertThat(result).hasStatus(201).bodyJson().isStrictlyEqualTo("{\"ok\": true, \"sent\": 3}");
		verify(this.notifications).notifyAll(eq("warning"), eq("T"), eq("m"), isNull());
	}

	@Test
	void aMalformedBodyIs400() {
		assertProblem(send("{\"admin_id\":"), 400, "invalid request body");
	}

	@Test
	void sendingNeedsTheNotificationsScopeAndACsrfToken() {
		assertProblem(Slice.json(this.mvc, HttpMethod.POST, SEND, Role.VIEWER, "{\"admin_id\": 3, \"title\": \"T\"}"),
				403, "insufficient permissions");
		assertProblem(this.mvc.post()
			.uri(SEND)
			.with(Slice.as(Role.ADMIN))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"admin_id\": 3, \"title\": \"T\"}")
			.exchange(), 403, "missing or invalid CSRF token");
		assertProblem(this.mvc.get().uri("/api/admin/notifications").exchange(), 401, "authentication required");
		verifyNoInteractions(this.notifications);
	}

	@Test
	void readingAnotherAdminsOrAnUnknownNotificationIs404() {
		given(this.notifications.markRead(Slice.ADMIN_ID, 5)).willReturn(false);

		assertProblem(this.mvc.post()
			.uri("/api/admin/notifications/5/read")
			.with(Slice.as(Role.VIEWER))
			.with(csrf())
			.exchange(), 404, "notification not found");
	}

	@Test
	void aBulkDeleteOfNoIdsIs400() {
		assertProblem(Slice.json(this.mvc, HttpMethod.POST, "/api/admin/notifications/bulk-delete", Role.VIEWER,
				"{\"ids\": []}"), 400, "ids required");
		verifyNoInteractions(this.notifications);
	}

	private MvcTestResult send(String body) {
		return Slice.json(this.mvc, HttpMethod.POST, SEND, Role.ADMIN, body);
	}

}
