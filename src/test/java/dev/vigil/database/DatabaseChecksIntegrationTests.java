package dev.vigil.database;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requesting database checks on the shared test server, whose job server is off: a
 * request stays queued, which shows the one-at-a-time rule without racing a running job.
 */
@VigilIntegrationTest
class DatabaseChecksIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void oneCheckAtATimeAndACheckWhoseJobIsDeletedNoLongerBlocks() {
		VigilClient root = VigilClient.root(this.port);
		JsonNode first = root.post("/api/admin/database/checks", Map.of("kind", "optimize")).assertStatus(202).json();
		long id = first.get("check").get("id").asLong();
		String jobId = first.get("job_id").asString();

		root.post("/api/admin/database/checks", Map.of("kind", "vacuum"))
			.assertProblem(409, "a database check is already queued: optimize #" + id);
		root.post("/api/admin/database/checks", Map.of("kind", "optimize"))
			.assertProblem(409, "a database check is already queued: optimize #" + id);
		JsonNode running = root.get("/api/admin/database").assertStatus(200).json().get("running");
		assertThat(running.get("id").asLong()).isEqualTo(id);
		assertThat(running.get("outcome").asString()).isEqualTo("queued");

		// Cancelled in the queue: it will never run, so it is closed and no longer
		// blocks.
		root.delete("/api/admin/queue/jobs/" + jobId).assertStatus(200);
		JsonNode health = root.get("/api/admin/database").json();
		assertThat(health.get("running").isNull()).isTrue();
		JsonNode closed = health.get("checks")
			.valueStream()
			.filter((c) -> c.get("id").asLong() == id)
			.findFirst()
			.orElseThrow();
		assertThat(closed.get("outcome").asString()).isEqualTo("interrupted");
		assertThat(closed.get("result").asString()).isEqualTo("its job ended (deleted) without a result");

		JsonNode next = root.post("/api/admin/database/checks", Map.of("kind", "integrity_check"))
			.assertStatus(202)
			.json();
		root.delete("/api/admin/queue/jobs/" + next.get("job_id").asString()).assertStatus(200);
		assertThat(root.get("/api/admin/database").json().get("running").isNull()).isTrue();

		JsonNode audit = root.get("/api/admin/audit?action=database.optimize").json().get("entries");
		assertThat(audit.valueStream()
			.filter((e) -> e.get("entity_id").asString().equals(Long.toString(id)))
			.map((e) -> e.get("details").asString())).containsExactly("job " + jobId);
	}

	@Test
	void theKindIsValidated() {
		VigilClient root = VigilClient.root(this.port);
		for (Object body : new Object[] { Map.of(), Map.of("kind", ""), Map.of("kind", "reindex") }) {
			JsonNode problem = root.post("/api/admin/database/checks", body).assertStatus(422).json();
			assertThat(problem.get("fields").get("kind").asString())
				.isEqualTo("one of integrity_check, optimize, vacuum");
		}
	}

	@Test
	void onlySuperadminsSeeOrRunChecks() {
		for (String role : new String[] { "viewer", "admin" }) {
			VigilClient client = VigilClient.withNewAdmin(this.port, role);
			client.get("/api/admin/database").assertProblem(403, "insufficient permissions");
			client.post("/api/admin/database/checks", Map.of("kind", "optimize"))
				.assertProblem(403, "insufficient permissions");
		}
		new VigilClient(this.port).get("/api/admin/database").assertStatus(401);
		VigilClient superadmin = VigilClient.withNewAdmin(this.port, "superadmin");
		superadmin.get("/api/admin/database").assertStatus(200);
	}

}
