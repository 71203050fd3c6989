package dev.vigil.database;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.vigil.storage.DataDirectory;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Database health on a real server with its job server running, on a database of its own
 * (a VACUUM here must not reshape the file other tests share).
 */
@VigilIntegrationTest
@TestPropertySource(properties = { "jobrunr.background-job-server.enabled=true",
		"vigil.storage.data-dir=target/test-data-database", "vigil.database.row-count-limit=1000" })
class DatabaseIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataDirectory data;

	@Test
	void figuresDescribeTheFilesAndCountEachTablesRowsUpToTheLimit() {
		this.jdbc.sql("DROP TABLE IF EXISTS probe_small").update();
		this.jdbc.sql("DROP TABLE IF EXISTS probe_big").update();
		this.jdbc.sql("CREATE TABLE probe_small (id INTEGER PRIMARY KEY)").update();
		this.jdbc.sql("CREATE TABLE probe_big (id INTEGER PRIMARY KEY)").update();
		insertRows("probe_small", 321);
		insertRows("probe_big", 1500);
		VigilClient root = VigilClient.root(this.port);

		JsonNode figures = root.get("/api/admin/database").assertStatus(200).json().get("figures");
		assertThat(table(figures, "probe_small")).isEqualTo("321");
		assertThat(table(figures, "probe_big")).isEqualTo("≥1000");
		assertThat(figures.get("row_count_limit").asInt()).isEqualTo(1000);
		assertThat(table(figures, "database_checks")).isNotNull();
		assertThat(table(figures, "jobrunr_jobs")).isNotNull();
		assertThat(table(figures, "flyway_schema_history")).isNotNull();
		assertThat(figures.get("tables").valueStream().map((t) -> t.get("name").asString()))
			.noneMatch((name) -> name.startsWith("sqlite_"));

		assertThat(figures.get("journal_mode").asString()).isEqualTo("wal");
		assertThat(figures.get("sqlite_version").asString())
			.isEqualTo(this.jdbc.sql("SELECT sqlite_version()").query(String.class).single());
		assertThat(figures.get("page_size").asLong()).isEqualTo(pragma("page_size"));
		assertThat(figures.get("reclaimable_bytes").asLong())
			.isEqualTo(figures.get("freelist_count").asLong() * figures.get("page_size").asLong());
		assertThat(figures.get("disk_free_bytes").asLong()).isPositive();
		assertThat(figures.get("vacuum_needs_bytes").asLong())
			.isEqualTo(2 * (figures.get("database_bytes").asLong() + figures.get("wal_bytes").asLong()));

		// The job server writes now and then: compare with sizes that held still across
		// the request.
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			long databaseBefore = size(this.data.database());
			long walBefore = size(wal());
			JsonNode now = root.get("/api/admin/database").json().get("figures");
			assertThat(size(this.data.database())).isEqualTo(databaseBefore);
			assertThat(size(wal())).isEqualTo(walBefore);
			assertThat(now.get("database_bytes").asLong()).isEqualTo(databaseBefore);
			assertThat(now.get("wal_bytes").asLong()).isEqualTo(walBefore).isPositive();
			assertThat(now.get("shm_bytes").asLong()).isPositive();
		});
	}

	@Test
	void anIntegrityCheckRunsAsAJobAndItsResultIsKeptAndAudited() {
		VigilClient root = VigilClient.root(this.port);
		JsonNode started = root.post("/api/admin/database/checks", Map.of("kind", "integrity_check"))
			.assertStatus(202)
			.json();
		long id = started.get("check").get("id").asLong();
		assertThat(started.get("job_id").asString()).isEqualTo(started.get("check").get("job_id").asString());
		assertThat(started.get("check").get("outcome").asString()).isEqualTo("queued");
		assertThat(started.get("check").get("requested_by_email").asString()).isEqualTo(VigilClient.ROOT_EMAIL);

		JsonNode check = awaitFinished(root, id);
		assertThat(check.get("outcome").asString()).isEqualTo("ok");
		assertThat(check.get("result").asString()).isEqualTo("no problems found");
		assertThat(check.get("started_at").isNull()).isFalse();
		JsonNode health = root.get("/api/admin/database").json();
		assertThat(health.get("last")
			.valueStream()
			.filter((c) -> c.get("kind").asString().equals("integrity_check"))
			.map((c) -> c.get("id").asLong())).containsExactly(id);

		JsonNode audit = root.get("/api/admin/audit?action=database.integrity_check").json().get("entries");
		assertThat(audit.valueStream()
			.filter((e) -> e.get("entity_id").asString().equals(Long.toString(id)))
			.map((e) -> e.get("admin_email").asString())).containsExactly(VigilClient.ROOT_EMAIL);
	}

	@Test
	void optimizeRefreshesStatistics() {
		VigilClient root = VigilClient.root(this.port);
		long id = root.post("/api/admin/database/checks", Map.of("kind", "optimize"))
			.assertStatus(202)
			.json()
			.get("check")
			.get("id")
			.asLong();
		JsonNode check = awaitFinished(root, id);
		assertThat(check.get("outcome").asString()).isEqualTo("ok");
		assertThat(check.get("result").asString()).startsWith("statistics ");
	}

	@Test
	void vacuumGivesFreePagesBackAndShrinksTheFile() {
		this.jdbc.sql("DROP TABLE IF EXISTS probe_vacuum").update();
		this.jdbc.sql("CREATE TABLE probe_vacuum (id INTEGER PRIMARY KEY, body BLOB)").update();
		this.jdbc.sql("""
				WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
				INSERT INTO probe_vacuum (body) SELECT randomblob(4000) FROM n
				""").update();
		this.jdbc.sql("PRAGMA wal_checkpoint(TRUNCATE)").query((rs) -> {
		});
		this.jdbc.sql("DROP TABLE probe_vacuum").update();
		VigilClient root = VigilClient.root(this.port);
		JsonNode before = root.get("/api/admin/database").json().get("figures");
		assertThat(before.get("freelist_count").asLong()).isGreaterThan(1900);

		long id = root.post("/api/admin/database/checks", Map.of("kind", "vacuum"))
			.assertStatus(202)
			.json()
			.get("check")
			.get("id")
			.asLong();
		JsonNode check = awaitFinished(root, id);
		assertThat(check.get("outcome").asString()).isEqualTo("ok");
		// The job server and the dashboard write meanwhile and may reuse or free a few
		// pages before the VACUUM counts them.
		Matcher reported = Pattern.compile("^reclaimed .*: (\\d+) free pages").matcher(check.get("result").asString());
		assertThat(reported.find()).as(check.get("result").asString()).isTrue();
		long freeBefore = before.get("freelist_count").asLong();
		assertThat(Long.parseLong(reported.group(1))).isBetween(freeBefore - 50, freeBefore + 50);

		JsonNode after = root.get("/api/admin/database").json().get("figures");
		// The job server keeps writing meanwhile: a few pages may have come and gone.
		assertThat(after.get("freelist_count").asLong()).isLessThan(100);
		assertThat(after.get("page_count").asLong()).isLessThan(before.get("page_count").asLong() - 1800);
		long filesBefore = before.get("database_bytes").asLong() + before.get("wal_bytes").asLong();
		long filesAfter = after.get("database_bytes").asLong() + after.get("wal_bytes").asLong();
		assertThat(filesAfter).isLessThan(filesBefore - 1800L * before.get("page_size").asLong());

		JsonNode audit = root.get("/api/admin/audit?action=database.vacuum").json().get("entries");
		assertThat(audit.valueStream().map((e) -> e.get("entity_id").asString())).contains(Long.toString(id));
	}

	private static JsonNode awaitFinished(VigilClient root, long id) {
		return await().atMost(Duration.ofSeconds(60)).until(() -> {
			JsonNode checks = root.get("/api/admin/database").json().get("checks");
			return checks.valueStream().filter((c) -> c.get("id").asLong() == id).findFirst().orElseThrow();
		}, (c) -> !c.get("finished_at").isNull());
	}

	private void insertRows(String table, int rows) {
		this.jdbc
			.sql("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + rows + ") "
					+ "INSERT INTO " + table + " (id) SELECT i FROM n")
			.update();
	}

	/** A table's rows as shown: a number, or "≥limit" when counting stopped there. */
	private static String table(JsonNode figures, String name) {
		return figures.get("tables")
			.valueStream()
			.filter((t) -> t.get("name").asString().equals(name))
			.map((t) -> (t.get("capped").asBoolean() ? "≥" : "") + t.get("rows").asLong())
			.findFirst()
			.orElse(null);
	}

	private long pragma(String name) {
		return this.jdbc.sql("SELECT * FROM pragma_" + name + "()").query(Long.class).single();
	}

	private Path wal() {
		return this.data.database().resolveSibling("vigil.db-wal");
	}

	private static long size(Path file) throws Exception {
		try {
			return Files.size(file);
		}
		catch (NoSuchFileException ex) {
			return 0;
		}
	}

}
