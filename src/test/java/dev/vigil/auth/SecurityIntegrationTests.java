package dev.vigil.auth;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@VigilIntegrationTest
class SecurityIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void unsafeRequestWithoutCsrfHeaderIsForbidden() {
		VigilClient client = VigilClient.root(this.port);
		assertThat(client.cookie("XSRF-TOKEN")).isNotNull();
		client.withoutCsrf()
			.post("/api/admin/admins", Map.of("email", VigilClient.uniqueEmail(), "password", "password-123"))
			.assertProblem(403, "missing or invalid CSRF token");
		client.withoutCsrf().post("/api/admin/auth/logout", null).assertProblem(403, "missing or invalid CSRF token");
	}

	@Test
	void csrfTokenStaysStableAcrossRequests() {
		VigilClient client = VigilClient.root(this.port);
		String token = client.cookie("XSRF-TOKEN");
		client.put("/api/admin/profile", Map.of("name", "Root")).assertStatus(200);
		client.put("/api/admin/profile", Map.of("name", "Root")).assertStatus(200);
		assertThat(client.cookie("XSRF-TOKEN")).isEqualTo(token);
	}

	@Test
	void viewerCannotManageAdminsOrSessions() {
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		viewer.get("/api/admin/admins").assertProblem(403, "insufficient permissions");
		viewer.post("/api/admin/admins", Map.of("email", VigilClient.uniqueEmail(), "password", "password-123"))
			.assertProblem(403, "insufficient permissions");
		viewer.get("/api/admin/sessions").assertProblem(403, "insufficient permissions");
		viewer.get("/api/admin/audit").assertProblem(403, "insufficient permissions");
		viewer.get("/api/admin/profile").assertStatus(200);
		viewer.get("/api/admin/profile/sessions").assertStatus(200);
	}

	@Test
	void adminRoleCannotManageAdminsButCanManageSessions() {
		VigilClient admin = VigilClient.withNewAdmin(this.port, "admin");
		admin.get("/api/admin/admins").assertStatus(403);
		admin.get("/api/admin/sessions").assertStatus(200);
		admin.get("/api/admin/audit").assertStatus(200);
	}

	@Test
	void anonymousGets401OnEveryAdminArea() {
		VigilClient anonymous = new VigilClient(this.port);
		for (String path : List.of("/api/admin/admins", "/api/admin/sessions", "/api/admin/audit",
				"/api/admin/profile")) {
			anonymous.get(path).assertProblem(401, "authentication required");
		}
	}

	@Test
	void responsesCarrySecurityHeaders() {
		VigilClient.Response response = new VigilClient(this.port).get("/api/health");
		assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
		assertThat(response.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
		assertThat(response.header("Permissions-Policy")).contains("camera=()");
	}

	@Test
	void revokedSessionStopsWorkingAtOnce() {
		VigilClient root = VigilClient.root(this.port);
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		String sessionId = viewer.get("/api/admin/profile/sessions").json().get("sessions").get(0).get("id").asString();

		root.delete("/api/admin/sessions/" + sessionId).assertStatus(200);
		viewer.get("/api/admin/profile").assertProblem(401, "session revoked");
		root.delete("/api/admin/sessions/" + sessionId).assertProblem(404, "session not found");
	}

	@Test
	void theOwnSessionsEndpointReachesOnlyTheCallersSessions() {
		VigilClient victim = VigilClient.withNewAdmin(this.port, "superadmin");
		String victimSession = victim.currentSessionId();
		String email = VigilClient.createAdmin(this.port, "viewer");
		VigilClient laptop = VigilClient.loggedIn(this.port, email);
		VigilClient phone = VigilClient.loggedIn(this.port, email);

		// Another admin's session id is as unknown as a made-up one, and stays alive.
		JsonNode own = laptop.get("/api/admin/profile/sessions").assertStatus(200).json();
		assertThat(own.get("total").asInt()).isEqualTo(2);
		assertThat(own.get("sessions").valueStream().map((s) -> s.get("id").asString())).doesNotContain(victimSession);
		laptop.delete("/api/admin/profile/sessions/" + victimSession).assertProblem(404, "session not found");
		victim.get("/api/admin/profile").assertStatus(200);

		laptop.delete("/api/admin/profile/sessions/" + phone.currentSessionId()).assertStatus(200);
		phone.get("/api/admin/profile").assertProblem(401, "session revoked");
		laptop.get("/api/admin/profile").assertStatus(200);
	}

	@Test
	void sessionsCanBeListedForOneAdmin() {
		VigilClient root = VigilClient.root(this.port);
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		JsonNode page = root.get("/api/admin/sessions?admin_id=" + viewer.adminId()).assertStatus(200).json();

		assertThat(page.get("total").asInt()).isEqualTo(1);
		assertThat(page.get("sessions").get(0).get("admin_id").asLong()).isEqualTo(viewer.adminId());
		root.get("/api/admin/sessions?admin_id=x").assertStatus(400);
	}

}
