package dev.vigil.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.support.Services;
import dev.vigil.support.TcpProxy;
import dev.vigil.support.TestPostgres;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL goes away under a running Vigil and comes back: requests meanwhile get a 503
 * ProblemDetail with Retry-After (never a 500), and Vigil serves again by itself once the
 * database is back, without a restart. The database is taken away by a TCP proxy the test
 * controls, never by stopping the machine's server.
 */
class DatabaseOutageIntegrationTests {

	@TempDir
	Path root;

	@Test
	void requestsFailCleanlyWhileTheDatabaseIsDownAndRecoverWithoutARestart() {
		Services.requirePostgres();
		String database = TestPostgres.createDatabase();
		String name = database.substring(database.lastIndexOf('/') + 1);
		int port = VigilProcess.freePort();
		try (TcpProxy proxy = new TcpProxy(Services.POSTGRES_HOST, Services.POSTGRES_PORT);
				VigilProcess vigil = VigilProcess.start(this.root.resolve("data"), port, this.root.resolve("vigil.out"),
						List.of("--vigil.storage.database-url=jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + name,
								"--vigil.storage.username=" + TestPostgres.USER,
								"--jobrunr.background-job-server.enabled=false"))) {
			vigil.awaitHealthy(Duration.ofSeconds(90));
			VigilClient root = VigilClient.root(port);
			root.get("/api/admin/admins").assertStatus(200);
			sqliteOnlyFeaturesAreRefused(root);

			proxy.cut();

			VigilClient.Response health = new VigilClient(port).get("/api/health");
			assertThat(health.status()).isEqualTo(503);
			assertThat(health.json().path("database").path("ok").asBoolean(true)).isFalse();
			for (String path : List.of("/api/admin/admins", "/api/admin/notifications", "/api/admin/audit")) {
				unavailable(root.get(path), path);
			}
			unavailable(new VigilClient(port).login(VigilClient.ROOT_EMAIL, VigilClient.ROOT_PASSWORD), "login");

			proxy.resume();

			Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
			while (new VigilClient(port).get("/api/health").status() != 200) {
				assertThat(Instant.now()).as("healthy again within 30 s of the database's return").isBefore(deadline);
				sleep(250);
			}
			root.get("/api/admin/admins").assertStatus(200);
			VigilClient.root(port).get("/api/admin/notifications").assertStatus(200);
		}
	}

	private static void sqliteOnlyFeaturesAreRefused(VigilClient root) {
		String backups = "backups and restores are not available on PostgreSQL: use pg_dump or your provider's backups";
		root.get("/api/admin/backups").assertProblem(409, backups);
		root.post("/api/admin/backups", null).assertProblem(409, backups);
		root.post("/api/admin/backups/vigil-20260101-000000-000.db/restore", null).assertProblem(409, backups);
		root.post("/api/admin/database/checks", java.util.Map.of("kind", "vacuum"))
			.assertProblem(409,
					"database checks are not available on PostgreSQL: PostgreSQL runs autovacuum itself; use your server's or provider's tools");
		var figures = root.get("/api/admin/database").assertStatus(200).json().path("figures");
		assertThat(figures.path("sqlite_version").asString()).startsWith("PostgreSQL ");
		assertThat(figures.path("database_bytes").asLong()).isPositive();
		assertThat(figures.path("tables").valueStream().map((t) -> t.path("name").asString())).contains("admins",
				"notifications", "jobrunr_jobs");
	}

	private static void unavailable(VigilClient.Response response, String what) {
		assertThat(response.status()).as(what + ": " + response.body()).isEqualTo(503);
		assertThat(response.header("Retry-After")).as(what).isEqualTo("5");
		assertThat(response.header("Content-Type")).as(what).startsWith("application/problem+json");
		assertThat(response.json().path("detail").asString()).as(what).contains("database is unavailable");
		assertThat(response.body()).as(what).doesNotContain("dev.vigil");
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
