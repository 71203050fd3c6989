package dev.vigil.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fifty concurrent writers against one SQLite file through the real API: logins (session inserts +
 * audit), admin updates (row update + audit) and profile updates. No request may fail.
 */
@VigilIntegrationTest
class SqliteConcurrencyIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void fiftyConcurrentWritersNeverSurfaceAnError() throws Exception {
		VigilClient root = VigilClient.root(this.port);
		List<Long> targets = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			targets.add(root.post("/api/admin/admins",
					Map.of("email", VigilClient.uniqueEmail(), "password", "password-123", "role", "viewer"))
				.assertStatus(201)
				.json()
				.get("admin")
				.get("id")
				.asLong());
		}
		long auditBefore = root.get("/api/admin/audit?limit=1").json().get("total").asLong();

		int writers = 50;
		int rounds = 6;
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		List<Future<List<Integer>>> results = new ArrayList<>();
		for (int w = 0; w < writers; w++) {
			int writer = w;
			Callable<List<Integer>> task = () -> {
				List<Integer> statuses = new ArrayList<>();
				VigilClient client = new VigilClient(this.port);
				statuses.add(client.login(VigilClient.ROOT_EMAIL, VigilClient.ROOT_PASSWORD).status());
				for (int r = 0; r < rounds; r++) {
					long target = targets.get((writer + r) % targets.size());
					statuses.add(switch (r % 3) {
						case 0 -> client.put("/api/admin/admins/" + target, Map.of("name", "w" + writer + "r" + r)).status();
						case 1 -> client.put("/api/admin/profile", Map.of("name", "Root")).status();
						default -> new VigilClient(this.port).login(VigilClient.ROOT_EMAIL, VigilClient.ROOT_PASSWORD)
							.status();
					});
				}
				return statuses;
			};
			results.add(pool.submit(task));
		}
		List<Integer> statuses = new ArrayList<>();
		for (Future<List<Integer>> result : results) {
			statuses.addAll(result.get());
		}
		pool.shutdown();

		assertThat(statuses).hasSize(writers * (rounds + 1)).containsOnly(200);
		long auditAfter = root.get("/api/admin/audit?limit=1").json().get("total").asLong();
		// Every login, admin update and profile update wrote its audit row.
		assertThat(auditAfter - auditBefore).isGreaterThanOrEqualTo((long) writers * (rounds + 1));
	}

}
