package dev.vigil.admins;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@VigilIntegrationTest
class AdminsIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void createGetUpdateAndSoftDelete() {
		VigilClient root = VigilClient.root(this.port);
		String email = VigilClient.uniqueEmail();
		JsonNode created = root
			.post("/api/admin/admins",
					Map.of("email", email, "password", "password-123", "name", "Ann", "role", "admin"))
			.assertStatus(201)
			.json()
			.get("admin");
		long id = created.get("id").asLong();
		assertThat(created.get("email").asString()).isEqualTo(email);
		assertThat(created.get("role").asString()).isEqualTo("admin");
		assertThat(created.get("is_active").asBoolean()).isTrue();
		assertThat(created.has("password_hash")).isFalse();

		JsonNode fetched = root.get("/api/admin/admins/" + id).assertStatus(200).json();
		assertThat(fetched.get("admin").get("name").asString()).isEqualTo("Ann");
		assertThat(fetched.get("active_sessions").asInt()).isZero();

		JsonNode updated = root.put("/api/admin/admins/" + id, Map.of("name", "Anne", "role", "viewer"))
			.assertStatus(200)
			.json()
			.get("admin");
		assertThat(updated.get("name").asString()).isEqualTo("Anne");
		assertThat(updated.get("role").asString()).isEqualTo("viewer");

		root.delete("/api/admin/admins/" + id).assertStatus(200);
		root.get("/api/admin/admins/" + id).assertProblem(404, "admin not found");
		root.delete("/api/admin/admins/" + id).assertProblem(404, "admin not found");
		new VigilClient(this.port).login(email, "password-123").assertProblem(401, "invalid credentials");
		// A soft-deleted email can be used again.
		root.post("/api/admin/admins", Map.of("email", email, "password", "password-123")).assertStatus(201);
	}

	@Test
	void invalidInputIs422WithFieldsAndDuplicateIs409() {
		VigilClient root = VigilClient.root(this.port);
		VigilClient.Response invalid = root
			.post("/api/admin/admins", Map.of("email", "not-an-email", "password", "short", "role", "emperor"))
			.assertProblem(422, "validation failed");
		assertThat(invalid.json().get("fields").get("email").asString()).isEqualTo("must be a valid email");
		assertThat(invalid.json().get("fields").get("password").asString()).isEqualTo("must be at least 8 characters");
		assertThat(invalid.json().get("fields").get("role").asString()).isEqualTo("unknown role");

		String email = VigilClient.uniqueEmail();
		root.post("/api/admin/admins", Map.of("email", email, "password", "password-123")).assertStatus(201);
		root.post("/api/admin/admins", Map.of("email", email.toUpperCase(), "password", "password-123"))
			.assertProblem(409, "email already exists");
	}

	@Test
	void listSearchesSortsAndPages() {
		VigilClient root = VigilClient.root(this.port);
		String marker = "zq" + System.nanoTime();
		for (String name : List.of("Carol", "Alice", "Bob")) {
			root.post("/api/admin/admins",
					Map.of("email", VigilClient.uniqueEmail(), "password", "password-123", "name", name + " " + marker))
				.assertStatus(201);
		}
		JsonNode page = root.get("/api/admin/admins?search=" + marker + "&sort=name&order=asc&limit=2").json();
		assertThat(page.get("total").asInt()).isEqualTo(3);
		assertThat(page.get("admins")).hasSize(2);
		assertThat(page.get("admins").get(0).get("name").asString()).startsWith("Alice");
		assertThat(page.get("admins").get(1).get("name").asString()).startsWith("Bob");
		JsonNode next = root.get("/api/admin/admins?search=" + marker + "&sort=name&order=asc&limit=2&offset=2").json();
		assertThat(next.get("admins").get(0).get("name").asString()).startsWith("Carol");
		// An unknown sort key falls back to the default instead of reaching SQL.
		root.get("/api/admin/admins?sort=password_hash;DROP%20TABLE%20admins&order=sideways").assertStatus(200);
		// LIKE wildcards in the search are literal.
		assertThat(root.get("/api/admin/admins?search=%25").json().get("total").asInt()).isZero();
	}

	@Test
	void exportIsCsvWithHeaderRow() {
		VigilClient root = VigilClient.root(this.port);
		VigilClient.Response csv = root.get("/api/admin/admins/export").assertStatus(200);
		assertThat(csv.header("Content-Type")).startsWith("text/csv");
		assertThat(csv.header("Content-Disposition")).matches("attachment; filename=\"admins-\\d{8}\\.csv\"");
		assertThat(csv.body()).startsWith("ID,Email,Name,Role,Active,Created At,Updated At\r\n")
			.contains(VigilClient.ROOT_EMAIL);
	}

	@Test
	void bulkDeleteValidatesIdsAndRefusesSelf() {
		VigilClient root = VigilClient.root(this.port);
		long a = root.addAdmin("viewer");
		long b = root.addAdmin("viewer");
		long rootId = root.get("/api/admin/profile").json().get("admin").get("id").asLong();

		root.post("/api/admin/admins/bulk-delete", Map.of("ids", List.of())).assertProblem(400, "ids required");
		root.post("/api/admin/admins/bulk-delete",
				Map.of("ids", java.util.stream.LongStream.rangeClosed(1, 101).boxed().toList()))
			.assertProblem(400, "maximum 100 ids per request");
		root.post("/api/admin/admins/bulk-delete", Map.of("ids", List.of(a, rootId)))
			.assertProblem(400, "you cannot delete yourself");
		root.post("/api/admin/admins/bulk-delete", Map.of("ids", List.of("x")))
			.assertProblem(400, "invalid request body");

		JsonNode result = root.post("/api/admin/admins/bulk-delete", Map.of("ids", List.of(a, b, 999999)))
			.assertStatus(200)
			.json();
		assertThat(result.get("ok").asBoolean()).isTrue();
		assertThat(result.get("affected").asInt()).isEqualTo(2);
	}

	@Test
	void noSelfDeleteOrSelfDeactivate() {
		VigilClient root = VigilClient.root(this.port);
		long rootId = root.get("/api/admin/profile").json().get("admin").get("id").asLong();
		root.delete("/api/admin/admins/" + rootId).assertProblem(400, "you cannot delete yourself");
		root.put("/api/admin/admins/" + rootId, Map.of("is_active", false))
			.assertProblem(400, "you cannot deactivate yourself");
	}

	@Test
	void deactivatingAnAdminEndsTheirSessions() {
		VigilClient root = VigilClient.root(this.port);
		String email = VigilClient.uniqueEmail();
		long id = root.post("/api/admin/admins", Map.of("email", email, "password", "password-123", "role", "viewer"))
			.json()
			.get("admin")
			.get("id")
			.asLong();
		VigilClient victim = new VigilClient(this.port);
		victim.login(email, "password-123").assertStatus(200);
		victim.get("/api/admin/profile").assertStatus(200);

		root.put("/api/admin/admins/" + id, Map.of("is_active", false)).assertStatus(200);

		victim.get("/api/admin/profile").assertProblem(401, "session revoked");
		victim.get("/api/admin/auth").assertStatus(401);
		new VigilClient(this.port).login(email, "password-123").assertProblem(401, "invalid credentials");
		root.put("/api/admin/admins/" + id, Map.of("is_active", true)).assertStatus(200);
		new VigilClient(this.port).login(email, "password-123").assertStatus(200);
	}

	@Test
	void mutationsAreAudited() {
		VigilClient root = VigilClient.root(this.port);
		long id = root.addAdmin("viewer");
		root.put("/api/admin/admins/" + id, Map.of("name", "Renamed")).assertStatus(200);
		root.delete("/api/admin/admins/" + id).assertStatus(200);
		JsonNode entries = root.get("/api/admin/audit?limit=100").json().get("entries");
		List<String> actionsOnTarget = new java.util.ArrayList<>();
		entries.forEach((e) -> {
			if (e.get("entity_id").asString().equals(Long.toString(id))) {
				actionsOnTarget.add(e.get("action").asString());
			}
		});
		assertThat(actionsOnTarget).contains("admin.create", "admin.update", "admin.delete");
		JsonNode filtered = root.get("/api/admin/audit?action=admin.delete&limit=5").json();
		filtered.get("entries").forEach((e) -> assertThat(e.get("action").asString()).isEqualTo("admin.delete"));
		assertThat(filtered.get("entries").get(0).get("admin_email").asString()).isEqualTo(VigilClient.ROOT_EMAIL);
		long rootId = root.adminId();
		JsonNode byAdmin = root.get("/api/admin/audit?admin_id=" + rootId + "&limit=100").json();
		assertThat(byAdmin.get("entries")).isNotEmpty()
			.allSatisfy((e) -> assertThat(e.get("admin_id").asLong()).isEqualTo(rootId));
	}

}
