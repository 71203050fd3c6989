package dev.vigil.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roles you define through the real endpoints: the built-in ones, validation (422 with
 * the field), duplicates (409), the rules that keep someone able to manage Vigil, the
 * audit trail, and custom roles wherever a role is named.
 */
@VigilIntegrationTest
class RolesIntegrationTests {

	/** A database of its own: the last-superadmin rules need to know who is one. */
	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) throws IOException {
		Path data = Files.createTempDirectory("vigil-roles");
		registry.add("vigil.storage.data-dir", data::toString);
	}

	private static final String ROLES = "/api/admin/roles";

	private static final AtomicLong NAMES = new AtomicLong(System.nanoTime() % 100_000);

	@LocalServerPort
	int port;

	@Test
	void theBuiltInRolesAreListedWithTheirScopesAndHowManyAdminsHaveThem() {
		VigilClient root = VigilClient.root(this.port);
		JsonNode roles = root.get(ROLES).assertStatus(200).json().get("roles");
		assertThat(names(roles).subList(0, 3)).containsExactly("superadmin", "admin", "viewer");
		JsonNode superadmin = roles.get(0);
		assertThat(superadmin.get("builtin").asBoolean()).isTrue();
		assertThat(superadmin.get("locked").asBoolean()).isTrue();
		assertThat(superadmin.get("admins").asLong()).isGreaterThanOrEqualTo(1);
		assertThat(texts(superadmin.get("scopes"))).containsExactlyInAnyOrderElementsOf(Scopes.adminIds());
		assertThat(texts(roles.get(2).get("scopes"))).containsExactly("admin:logs");
		assertThat(roles.get(2).get("log_sources").isNull()).isTrue();

		JsonNode scopes = root.get(ROLES + "/scopes").assertStatus(200).json().get("scopes");
		assertThat(scopes.size()).isEqualTo(Scopes.ADMIN.size());
		assertThat(scopes.get(0).get("id").asString()).isEqualTo("admin:logs");
		assertThat(scopes.get(0).get("label").asString()).isNotBlank();
		assertThat(scopes.get(0).get("area").asString()).isEqualTo("Logs");
	}

	@Test
	void badNamesUnknownScopesAndUnknownSourcesAre422AndADuplicateIs409() {
		VigilClient root = VigilClient.root(this.port);
		for (String name : List.of("A", "x", "1abc", "has space", "a".repeat(33), "Ünï")) {
			JsonNode problem = root.post(ROLES, Map.of("name", name, "scopes", List.of()))
				.assertProblem(422, "validation failed")
				.json();
			assertThat(problem.get("fields").has("name")).as(name).isTrue();
		}
		String name = next();
		assertThat(root.post(ROLES, Map.of("name", name, "scopes", List.of("admin:everything")))
			.assertProblem(422, "validation failed")
			.json()
			.get("fields")
			.get("scopes")
			.asString()).startsWith("unknown scope admin:everything");
		assertThat(root.post(ROLES, Map.of("name", name, "scopes", List.of(), "log_sources", List.of("nope")))
			.assertProblem(422, "validation failed")
			.json()
			.get("fields")
			.get("log_sources")
			.asString()).isEqualTo("unknown log source nope");
		root.post(ROLES, Map.of("name", name, "scopes", List.of("admin:logs"))).assertStatus(201);
		root.post(ROLES, Map.of("name", name, "scopes", List.of()))
			.assertProblem(409, "a role named " + name + " already exists");
		root.post(ROLES, Map.of("name", "viewer", "scopes", List.of()))
			.assertProblem(409, "a role named viewer already exists");
		root.put(ROLES + "/nope-" + name, Map.of("scopes", List.of())).assertProblem(404, "role not found");
		root.delete(ROLES + "/nope-" + name).assertProblem(404, "role not found");
	}

	@Test
	void aRoleIsCreatedChangedAndDeletedWithEveryChangeAudited() {
		VigilClient root = VigilClient.root(this.port);
		String name = next();
		JsonNode created = root
			.post(ROLES,
					Map.of("name", name, "description", "  Reads the audit  ", "scopes",
							List.of("admin:audit", "admin:logs", "admin:audit"), "log_sources", List.of("vigil")))
			.assertStatus(201)
			.json();
		assertThat(created.get("description").asString()).isEqualTo("Reads the audit");
		assertThat(texts(created.get("scopes"))).containsExactly("admin:logs", "admin:audit");
		assertThat(texts(created.get("log_sources"))).containsExactly("vigil");
		assertThat(created.get("builtin").asBoolean()).isFalse();

		Map<String, Object> update = new HashMap<>(Map.of("scopes", List.of("admin:logs", "admin:jobs")));
		update.put("log_sources", null);
		JsonNode updated = root.put(ROLES + "/" + name, update).assertStatus(200).json();
		assertThat(texts(updated.get("scopes"))).containsExactly("admin:logs", "admin:jobs");
		assertThat(updated.get("log_sources").isNull()).isTrue();

		root.delete(ROLES + "/" + name).assertStatus(200);
		assertThat(names(root.get(ROLES).json().get("roles"))).doesNotContain(name);

		List<String> audit = new ArrayList<>();
		root.get("/api/admin/audit?limit=50").json().get("entries").forEach((entry) -> {
			if (entry.get("entity_id").asString().equals(name)) {
				audit.add(entry.get("action").asString() + " " + entry.get("details").asString());
			}
		});
		assertThat(audit).containsExactlyInAnyOrder("role.create scopes:admin:logs,admin:audit sources:vigil",
				"role.update scopes:+admin:jobs,-admin:audit sources:vigil->all description", "role.delete ");
	}

	@Test
	void nobodyCanLockEveryoneOut() {
		VigilClient root = VigilClient.root(this.port);
		root.put(ROLES + "/superadmin", Map.of("scopes", List.of("admin:logs")))
			.assertProblem(403, "the superadmin role cannot be changed: it always holds every scope");
		for (String builtin : List.of("superadmin", "admin", "viewer")) {
			root.delete(ROLES + "/" + builtin)
				.assertProblem(409, "the built-in role " + builtin + " cannot be deleted");
		}
		String name = next();
		root.post(ROLES, Map.of("name", name, "scopes", List.of("admin:logs"))).assertStatus(201);
		long first = root.addAdmin(name);
		root.addAdmin(name);
		root.delete(ROLES + "/" + name)
			.assertProblem(409, "role " + name + " is in use by 2 admins: give them another role first");
		assertThat(root.get(ROLES).json().get("roles").findValues("name").stream().map(JsonNode::asString).toList())
			.contains(name);
		root.delete("/api/admin/admins/" + first).assertStatus(200);

		// The last active superadmin (this server has its own database: root is the
		// only one) can be neither demoted, deactivated nor deleted, by anyone; with a
		// second one, either can.
		assertThat(activeSuperadmins(root)).containsExactly(root.adminId());
		long rootId = root.adminId();
		// Scopes that could make their holder superadmin belong to superadmin only.
		root.post(ROLES, Map.of("name", next(), "scopes", List.of("admin:admins")))
			.assertProblem(422, "validation failed");
		root.post(ROLES, Map.of("name", next(), "scopes", List.of("admin:logs", "admin:roles")))
			.assertProblem(422, "validation failed");
		root.put(ROLES + "/admin", Map.of("scopes", List.of("admin:admins"))).assertProblem(422, "validation failed");
		String people = next();
		root.post(ROLES, Map.of("name", people, "scopes", List.of("admin:audit"))).assertStatus(201);
		VigilClient manager = VigilClient.withNewAdmin(this.port, people);
		manager.get(ROLES).assertProblem(403, "insufficient permissions");
		root.put("/api/admin/admins/" + rootId, Map.of("role", "admin"))
			.assertProblem(409, "at least one active superadmin must remain");
		root.put("/api/admin/admins/" + rootId, Map.of("role", people))
			.assertProblem(409, "at least one active superadmin must remain");

		long second = root.addAdmin("superadmin");
		root.put("/api/admin/admins/" + second, Map.of("is_active", false)).assertStatus(200);
		root.put("/api/admin/admins/" + rootId, Map.of("role", "admin"))
			.assertProblem(409, "at least one active superadmin must remain");
		root.put("/api/admin/admins/" + second, Map.of("is_active", true)).assertStatus(200);
		root.put("/api/admin/admins/" + second, Map.of("role", "viewer")).assertStatus(200);
		assertThat(activeSuperadmins(root)).containsExactly(rootId);
	}

	@Test
	void aRoleTheSecondFactorPolicyNamesCannotBeDeleted() {
		VigilClient root = VigilClient.root(this.port);
		String name = next();
		root.post(ROLES, Map.of("name", name, "scopes", List.of("admin:logs"))).assertStatus(201);
		root.put("/api/admin/second-factor/policy", Map.of("everyone", false, "roles", List.of(name)))
			.assertStatus(200);
		try {
			root.delete(ROLES + "/" + name)
				.assertProblem(409,
						"role " + name + " must sign in with a second factor (Security page): take it out there first");
		}
		finally {
			root.put("/api/admin/second-factor/policy", Map.of("everyone", false, "roles", List.of()))
				.assertStatus(200);
		}
		root.delete(ROLES + "/" + name).assertStatus(200);
	}

	@Test
	void aCustomRoleWorksWhereverARoleIsNamed() {
		VigilClient root = VigilClient.root(this.port);
		String name = next();
		root.post(ROLES, Map.of("name", name, "scopes", List.of("admin:audit"))).assertStatus(201);
		VigilClient admin = VigilClient.withNewAdmin(this.port, name);
		JsonNode me = admin.get("/api/admin/profile").assertStatus(200).json().get("admin");
		assertThat(me.get("role").asString()).isEqualTo(name);
		assertThat(texts(me.get("scopes"))).containsExactly("admin:audit");
		admin.get("/api/admin/audit").assertStatus(200);
		admin.get("/api/admin/logs").assertProblem(403, "insufficient permissions");

		root.post("/api/admin/admins",
				Map.of("email", VigilClient.uniqueEmail(), "password", "password-123", "role", "no-such-role"))
			.assertProblem(422, "validation failed");
		root.post("/api/admin/notifications/send", Map.of("role", name, "title", "to the role")).assertStatus(201);
		assertThat(admin.get("/api/admin/notifications").json().toString()).contains("to the role");
		root.post("/api/admin/notifications/send", Map.of("role", "no-such-role", "title", "x"))
			.assertProblem(422, "validation failed");
		assertThat(root.get("/api/admin/webhooks/options").json().get("audiences").toString()).contains("role:" + name);
	}

	private static List<Long> activeSuperadmins(VigilClient client) {
		List<Long> ids = new ArrayList<>();
		client.get("/api/admin/admins?limit=200").json().get("admins").forEach((admin) -> {
			if (admin.get("role").asString().equals("superadmin") && admin.get("is_active").asBoolean()) {
				ids.add(admin.get("id").asLong());
			}
		});
		return ids;
	}

	private static String next() {
		return "c" + NAMES.incrementAndGet();
	}

	private static List<String> names(JsonNode roles) {
		List<String> names = new ArrayList<>();
		roles.forEach((role) -> names.add(role.get("name").asString()));
		return names;
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach((item) -> texts.add(item.asString()));
		return texts;
	}

}
