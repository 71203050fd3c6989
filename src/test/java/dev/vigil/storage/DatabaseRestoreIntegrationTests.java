package dev.vigil.storage;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sqlite.SQLiteDataSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.vigil.support.RawHttp;
import dev.vigil.support.SseClient;
import dev.vigil.support.TestThreads;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;
import dev.vigil.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Restoring backups on a server of its own (a restore replaces the whole database, which
 * other tests' shared server must keep).
 */
@VigilIntegrationTest
@TestPropertySource(properties = { "vigil.storage.data-dir=target/test-data-restore",
		// Under Tomcat's 2 MB max-swallow-size, so an over-limit upload is answered on a
		// connection the client can still read.
		"vigil.backups.max-upload-size=1536KB" })
class DatabaseRestoreIntegrationTests {

	@LocalServerPort
	int port;

	@RegisterExtension
	final TestThreads threads = new TestThreads();

	@Autowired
	DataDirectory data;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	DatabaseRestore restore;

	@Autowired
	Flyway flyway;

	@Test
	void restoringAListedBackupBringsBackItsRowsAfterASafetyBackupAndSignsEveryoneOut() throws Exception {
		VigilClient root = VigilClient.root(this.port);
		long kept = root.addAdmin("viewer");
		String backup = createBackup(root);
		long later = root.addAdmin("viewer");
		VigilClient viewer = VigilClient.loggedIn(this.port, email(later));

		JsonNode restored = root.post("/api/admin/backups/" + backup + "/restore", null).assertStatus(200).json();

		assertThat(restored.get("source").asString()).isEqualTo(backup);
		assertThat(restored.get("signed_out").asBoolean()).isTrue();
		assertThat(restored.get("migrated").asBoolean()).isFalse();
		String safety = restored.get("safety_backup").get("name").asString();
		assertThat(safety).endsWith("-pre-restore.db");
		assertThat(adminExists(kept)).isTrue();
		assertThat(adminExists(later)).isFalse();
		// The safety backup holds the database as it was: with the later admin.
		try (Connection copy = DriverManager.getConnection("jdbc:sqlite:" + this.data.backups().resolve(safety));
				Statement statement = copy.createStatement();
				ResultSet rows = statement.executeQuery("SELECT count(*) FROM admins WHERE id = " + later)) {
			assertThat(rows.getInt(1)).isEqualTo(1);
		}
		// Every session ended, the restoring admin's too.
		root.get("/api/admin/backups").assertStatus(401);
		viewer.get("/api/admin/notifications/unread-count").assertStatus(401);
		VigilClient again = VigilClient.root(this.port);
		assertThat(again.get("/api/admin/backups")
			.json()
			.get("backups")
			.valueStream()
			.map((b) -> b.get("name").asString())).contains(safety, backup);
		assertThat(auditDetails("backup.restore", backup)).singleElement().asString().contains(safety);
	}

	/**
	 * Recurring tasks are the server's configuration now, not the backup's: a pause made
	 * since the backup holds, one lifted since stays lifted.
	 */
	@Test
	void recurringTaskPausesAreCarriedOverARestore() {
		VigilClient root = VigilClient.root(this.port);
		root.post("/api/admin/cron/purge-sessions/pause", null).assertStatus(200);
		root.post("/api/admin/cron/purge-audit/resume", null).assertStatus(200);
		String backup = createBackup(root);
		root.post("/api/admin/cron/purge-sessions/resume", null).assertStatus(200);
		root.post("/api/admin/cron/purge-audit/pause", null).assertStatus(200);

		root.post("/api/admin/backups/" + backup + "/restore", null).assertStatus(200);

		// Put back once the restore has released the write gate.
		VigilClient again = VigilClient.root(this.port);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Map<String, Boolean> paused = new java.util.HashMap<>();
			again.get("/api/admin/cron")
				.assertStatus(200)
				.json()
				.get("cron")
				.forEach((task) -> paused.put(task.get("name").asString(), task.get("paused").asBoolean()));
			assertThat(paused).containsEntry("purge-sessions", false).containsEntry("purge-audit", true);
		});
		again.post("/api/admin/cron/purge-audit/resume", null).assertStatus(200);
	}

	@Test
	void anUploadedBackupIsRestored() {
		VigilClient root = VigilClient.root(this.port);
		long kept = root.addAdmin("viewer");
		byte[] file = root.download("/api/admin/backups/" + createBackup(root));
		long later = root.addAdmin("viewer");

		JsonNode restored = root.upload("/api/admin/backups/restore", "file", "my backup.db", file)
			.assertStatus(200)
			.json();

		assertThat(restored.get("source").asString()).isEqualTo("upload:my backup.db");
		assertThat(adminExists(kept)).isTrue();
		assertThat(adminExists(later)).isFalse();
		assertThat(auditDetails("backup.restore", "upload:my backup.db")).isNotEmpty();
	}

	@Test
	void aBackupWithAnotherPageSizeIsConvertedAndRestored() throws Exception {
		VigilClient root = VigilClient.root(this.port);
		long kept = root.addAdmin("viewer");
		Path file = this.data.root().resolve("page-size-" + UUID.randomUUID() + ".db");
		Files.write(file, root.download("/api/admin/backups/" + createBackup(root)));
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
				Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA journal_mode = DELETE");
			statement.execute("PRAGMA page_size = 8192");
			statement.execute("VACUUM");
		}
		byte[] bytes = Files.readAllBytes(file);
		assertThat(((bytes[16] & 0xff) << 8) | (bytes[17] & 0xff)).isEqualTo(8192);
		long later = root.addAdmin("viewer");

		root.upload("/api/admin/backups/restore", "file", "big-pages.db", bytes).assertStatus(200);

		assertThat(adminExists(kept)).isTrue();
		assertThat(adminExists(later)).isFalse();
	}

	@Test
	void anUnusableFileIsA422AndChangesNothing() throws Exception {
		VigilClient root = VigilClient.root(this.port);
		byte[] good = root.download("/api/admin/backups/" + createBackup(root));
		long marker = root.addAdmin("viewer");
		Map<String, byte[]> files = Map.of("corrupt", corrupt(good), "truncated",
				java.util.Arrays.copyOf(good, good.length / 2), "text", "not a database at all".repeat(20).getBytes(),
				"foreign", foreignDatabase(), "newer", newerSchema(good));
		Map<String, String> messages = Map.of("corrupt", "damaged", "truncated", "truncated", "text",
				"not a SQLite database", "foreign", "not a Vigil database", "newer", "made by a newer Vigil");
		int backups = root.get("/api/admin/backups").json().get("backups").size();

		for (var entry : files.entrySet()) {
			VigilClient.Response response = root.upload("/api/admin/backups/restore", "file", entry.getKey() + ".db",
					entry.getValue());
			assertThat(response.status()).as(entry.getKey()).isEqualTo(422);
			assertThat(response.json().get("error").asString()).as(entry.getKey())
				.contains(messages.get(entry.getKey()))
				.doesNotContain("SQLITE_", "Exception", this.data.root().toString());
			assertThat(auditDetails("backup.restore_failed", "upload:" + entry.getKey() + ".db")).as(entry.getKey())
				.singleElement()
				.asString()
				.contains(messages.get(entry.getKey()));
		}

		// The same database still serves, the same session still works, no safety backup
		// was taken.
		assertThat(adminExists(marker)).isTrue();
		assertThat(root.get("/api/admin/backups").assertStatus(200).json().get("backups").size()).isEqualTo(backups);
		assertThat(Files.list(this.data.backups()).map((f) -> f.getFileName().toString()))
			.noneMatch((name) -> name.startsWith(".restore-"));
	}

	@Test
	void anOlderSchemaIsMigratedOnTheWay() throws Exception {
		VigilClient root = VigilClient.root(this.port);
		Path older = this.data.root().resolve("older-" + UUID.randomUUID() + ".db");
		SQLiteDataSource file = new SQLiteDataSource();
		file.setUrl("jdbc:sqlite:" + older);
		Flyway.configure().locations("classpath:db/migration/sqlite").target("5").dataSource(file).load().migrate();
		String email = VigilClient.uniqueEmail();
		try (Connection connection = file.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("ATTACH DATABASE '" + this.data.database() + "' AS live");
			statement.execute("""
					INSERT INTO admins (id, email, password_hash, name, role, is_active, created_at, updated_at)
					SELECT id, email, password_hash, name, role, is_active, created_at, updated_at
					FROM live.admins WHERE email = '%s'""".formatted(VigilClient.ROOT_EMAIL));
			statement.execute("INSERT INTO admins (email, password_hash, role, created_at, updated_at) VALUES ('"
					+ email + "', 'x', 'viewer', 0, 0)");
		}

		JsonNode restored = root.upload("/api/admin/backups/restore", "file", "older.db", Files.readAllBytes(older))
			.assertStatus(200)
			.json();

		assertThat(restored.get("schema_version").asString()).isEqualTo("5");
		assertThat(restored.get("migrated").asBoolean()).isTrue();
		assertThat(this.jdbc.sql("SELECT count(*) FROM admins WHERE email = :email")
			.param("email", email)
			.query(Integer.class)
			.single()).isOne();
		assertThat(this.flyway.info().pending()).isEmpty();
		// Tables of the later migrations exist: the restored database is fully usable.
		VigilClient.root(this.port).get("/api/admin/webhooks").assertStatus(200);
	}

	@Test
	void openStreamsCloseAndCannotReconnectWithTheOldSession() {
		VigilClient root = VigilClient.root(this.port);
		String backup = createBackup(root);
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		try (SseClient sse = SseClient.open(viewer, "/api/admin/notifications/stream");
				WsClient ws = WsClient.connect(viewer, "/api/admin/notifications/stream")) {
			assertThat(sse.status()).isEqualTo(200);
			root.post("/api/admin/backups/" + backup + "/restore", null).assertStatus(200);

			assertThat(ws.closeCode(Duration.ofSeconds(5))).isEqualTo(1008);
			SseClient.Event event;
			do {
				event = sse.next();
			}
			while (!event.name().equals(SseClient.END));
		}
		try (SseClient again = SseClient.open(viewer, "/api/admin/notifications/stream")) {
			assertThat(again.status()).isEqualTo(401);
		}
	}

	@Test
	void aNotificationCursorFromBeforeTheRestoreIsToldToReload() {
		VigilClient root = VigilClient.root(this.port);
		String backup = createBackup(root);
		long id = root.post("/api/admin/notifications/send", Map.of("admin_id", root.adminId(), "title", "gone soon"))
			.assertStatus(201)
			.json()
			.get("id")
			.asLong();
		root.post("/api/admin/backups/" + backup + "/restore", null).assertStatus(200);

		// The notification is not in the restored database, and its id is given again:
		// a client resuming after it reloads its list (it never saw the new one).
		VigilClient again = VigilClient.root(this.port);
		long reused = again.post("/api/admin/notifications/send", Map.of("admin_id", again.adminId(), "title", "new"))
			.assertStatus(201)
			.json()
			.get("id")
			.asLong();
		assertThat(reused).isLessThanOrEqualTo(id);
		try (SseClient sse = SseClient.open(again, "/api/admin/notifications/stream",
				Map.of("Last-Event-ID", Long.toString(id)))) {
			assertThat(sse.next().json().get("type").asString()).isEqualTo("reset");
		}
	}

	@Test
	void writesInFlightLandWhollyBeforeOrAfterTheSwap() throws Exception {
		VigilClient root = VigilClient.root(this.port);
		String action = "restore-test-" + UUID.randomUUID();
		// More writers than the pool has connections (8): each waits for the gate holding
		// one, and the restore must not need another.
		int writers = 12;
		AtomicBoolean stop = new AtomicBoolean();
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		Map<Integer, Set<Integer>> committed = new ConcurrentHashMap<>();
		List<Runnable> tasks = new ArrayList<>();
		java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(writers + 1);
		for (int w = 0; w < writers; w++) {
			int writer = w;
			committed.put(writer, new ConcurrentSkipListSet<>());
			tasks.add(() -> {
				for (int seq = 0; !stop.get(); seq++) {
					int s = seq;
					try {
						// Two rows in one transaction: after the restore both or neither.
						this.transactions.executeWithoutResult((tx) -> {
							insertAudit(action, writer, s + "a");
							insertAudit(action, writer, s + "b");
						});
						committed.get(writer).add(s);
					}
					catch (Throwable ex) {
						errors.add(ex);
						return;
					}
				}
			});
		}
		tasks.add(() -> {
			while (!stop.get()) {
				try {
					this.jdbc.sql("SELECT count(*) FROM audit_log WHERE action = :action")
						.param("action", action)
						.query(Long.class)
						.single();
				}
				catch (Throwable ex) {
					errors.add(ex);
					return;
				}
			}
		});
		tasks.forEach((task) -> this.threads.execute(() -> {
			try {
				task.run();
			}
			finally {
				done.countDown();
			}
		}));
		awaitMoreWrites(committed, 20);
		String backup = createBackup(root);
		awaitMoreWrites(committed, 20);
		Map<Integer, Set<Integer>> beforeRestore = snapshot(committed);

		root.post("/api/admin/backups/" + backup + "/restore", null).assertStatus(200);
		Map<Integer, Set<Integer>> afterRestore = snapshot(committed);
		awaitMoreWrites(committed, 20);
		stop.set(true);
		assertThat(TestThreads.blocking(() -> done.await(10, java.util.concurrent.TimeUnit.SECONDS))).isTrue();

		assertThat(errors).isEmpty();
		Map<Integer, Set<Integer>> inBackup = rowsOf(this.data.backups().resolve(backup), action);
		Map<Integer, Set<Integer>> live = rowsOf(this.data.database(), action);
		for (int w = 0; w < writers; w++) {
			Set<Integer> now = live.getOrDefault(w, Set.of());
			Set<Integer> backedUp = inBackup.getOrDefault(w, Set.of());
			assertThat(backedUp).as("writer %d in the backup", w).isNotEmpty();
			// Everything of the backup is back ...
			assertThat(now).as("writer %d", w).containsAll(backedUp);
			// ... what was written after the backup and before the restore is gone ...
			Set<Integer> lost = new TreeSet<>(beforeRestore.get(w));
			lost.removeAll(backedUp);
			assertThat(lost).as("writer %d between backup and restore", w).isNotEmpty();
			assertThat(now).as("writer %d", w).doesNotContainAnyElementsOf(lost);
			// ... and every write committed after the restore returned is there.
			Set<Integer> after = new TreeSet<>(committed.get(w));
			after.removeAll(afterRestore.get(w));
			assertThat(after).isNotEmpty();
			assertThat(now).as("writer %d", w).containsAll(after);
		}
		// The other tests upload backups of this database under a small size limit.
		this.jdbc.sql("DELETE FROM audit_log WHERE action = :action").param("action", action).update();
	}

	@Test
	void aSwapThatFailsLeavesTheOldDatabaseServing() throws Exception {
		VigilClient root = VigilClient.root(this.port);
		Path candidate = this.data.root().resolve("locked-" + UUID.randomUUID() + ".db");
		Files.write(candidate, root.download("/api/admin/backups/" + createBackup(root)));
		long marker = root.addAdmin("viewer");
		// Another process holds the candidate's file lock: SQLite cannot read it and the
		// copy fails after its retries.
		try (Connection locker = DriverManager.getConnection("jdbc:sqlite:" + candidate);
				Statement statement = locker.createStatement()) {
			statement.execute("PRAGMA journal_mode = DELETE");
			statement.execute("BEGIN EXCLUSIVE");
			statement.execute("DELETE FROM admins");

			assertThatThrownBy(() -> this.restore.swap("test", candidate))
				.isInstanceOf(DatabaseRestore.RestoreFailedException.class)
				.hasMessageContaining("unchanged");
			statement.execute("ROLLBACK");
		}

		// Nor can SQLite copy pages of another size into a WAL database (sqlite-jdbc
		// reports success for both: the swap checks that the copy happened).
		Path otherPageSize = this.data.root().resolve("page-size-" + UUID.randomUUID() + ".db");
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + otherPageSize);
				Statement statement = connection.createStatement()) {
			statement.execute("PRAGMA page_size = 8192");
			statement.execute("CREATE TABLE admins (id INTEGER)");
		}
		assertThatThrownBy(() -> this.restore.swap("test", otherPageSize))
			.isInstanceOf(DatabaseRestore.RestoreFailedException.class);

		assertThat(adminExists(marker)).isTrue();
		root.get("/api/admin/backups").assertStatus(200);
		// The write gate is free again.
		insertAudit("after-failed-swap", 0, "x");
	}

	@Test
	void anUploadOverTheLimitIs413() throws Exception {
		VigilClient root = VigilClient.root(this.port);
		root.upload("/api/admin/backups/restore", "file", "big.db", new byte[1800 * 1024])
			.assertProblem(413, "request body too large");
		// Without a Content-Length (chunked), the container stops at the limit while the
		// handler parses the parts.
		byte[] chunked = chunkedMultipart(28);
		List<String[]> multipart = List.<String[]>of(
				new String[] { "Content-Type", "multipart/form-data; boundary=chunked-upload" },
				new String[] { "Transfer-Encoding", "chunked" });
		List<String[]> signedIn = new ArrayList<>(multipart);
		signedIn.add(new String[] { "Cookie", root.cookieHeader("/api/admin/backups/restore") });
		signedIn.add(new String[] { "X-XSRF-TOKEN", root.cookie("XSRF-TOKEN") });
		RawHttp raw = new RawHttp(this.port);
		RawHttp.Response response = raw.send("POST", "/api/admin/backups/restore", signedIn, chunked);
		assertThat(response.status()).as(response.text()).isEqualTo(413);
		assertThat(response.text()).contains("request body too large");
		// Nothing before authentication parses the body (a parse would fail on its size):
		// without a session it is a 401, without the CSRF header a 403.
		List<String[]> anonymous = new ArrayList<>(multipart);
		anonymous.add(new String[] { "Cookie", "XSRF-TOKEN=" + root.cookie("XSRF-TOKEN") });
		anonymous.add(new String[] { "X-XSRF-TOKEN", root.cookie("XSRF-TOKEN") });
		assertThat(raw.send("POST", "/api/admin/backups/restore", anonymous, chunked).status()).isEqualTo(401);
		List<String[]> noCsrf = new ArrayList<>(multipart);
		noCsrf.add(new String[] { "Cookie", root.cookieHeader("/api/admin/backups/restore") });
		assertThat(raw.send("POST", "/api/admin/backups/restore", noCsrf, chunked).status()).isEqualTo(403);
		// No other route takes a multipart body.
		List<String[]> elsewhere = new ArrayList<>(signedIn);
		elsewhere.removeIf((h) -> h[0].equals("Transfer-Encoding"));
		assertThat(raw.send("POST", "/api/admin/notifications/read-all", elsewhere, chunkedMultipart(0)).status())
			.isEqualTo(415);
		assertThat(root.upload("/api/admin/backups/restore", "other", "x.db", new byte[10]).status()).isEqualTo(400);
		assertThat(root.post("/api/admin/backups/restore", Map.of("file", "x")).status()).isEqualTo(415);
		root.get("/api/admin/backups").assertStatus(200);
	}

	/** A multipart body with {@code chunks} chunks of 64 KB in its file part, chunked. */
	private static byte[] chunkedMultipart(int chunks) throws java.io.IOException {
		byte[] head = ("--chunked-upload\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.db\"\r\n"
				+ "Content-Type: application/octet-stream\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write((Integer.toHexString(head.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
		body.write(head);
		body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
		byte[] filler = new byte[64 * 1024];
		for (int i = 0; i < chunks; i++) {
			body.write((Integer.toHexString(filler.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
			body.write(filler);
			body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		byte[] tail = "\r\n--chunked-upload--\r\n".getBytes(StandardCharsets.US_ASCII);
		body.write((Integer.toHexString(tail.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
		body.write(tail);
		body.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		return body.toByteArray();
	}

	private String createBackup(VigilClient root) {
		return root.post("/api/admin/backups", null).assertStatus(201).json().get("backup").get("name").asString();
	}

	private boolean adminExists(long id) {
		return this.jdbc.sql("SELECT count(*) FROM admins WHERE id = :id")
			.param("id", id)
			.query(Integer.class)
			.single() > 0;
	}

	private String email(long id) {
		return this.jdbc.sql("SELECT email FROM admins WHERE id = :id").param("id", id).query(String.class).single();
	}

	private List<String> auditDetails(String action, String entityId) {
		return this.jdbc.sql("SELECT details FROM audit_log WHERE action = :action AND entity_id = :entity")
			.param("action", action)
			.param("entity", entityId)
			.query(String.class)
			.list();
	}

	private void insertAudit(String action, int writer, String details) {
		this.jdbc.sql("INSERT INTO audit_log (action, entity_id, details, created_at) VALUES (:a, :e, :d, 0)")
			.param("a", action)
			.param("e", Integer.toString(writer))
			.param("d", details)
			.update();
	}

	private static void awaitMoreWrites(Map<Integer, Set<Integer>> committed, int more) {
		Map<Integer, Integer> start = new ConcurrentHashMap<>();
		committed.forEach((w, seqs) -> start.put(w, seqs.size()));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> committed.entrySet()
				.stream()
				.allMatch((e) -> e.getValue().size() >= start.get(e.getKey()) + more));
	}

	private static Map<Integer, Set<Integer>> snapshot(Map<Integer, Set<Integer>> committed) {
		Map<Integer, Set<Integer>> copy = new ConcurrentHashMap<>();
		committed.forEach((w, seqs) -> copy.put(w, new TreeSet<>(seqs)));
		return copy;
	}

	/** Sequence numbers per writer, asserting that every pair is whole. */
	private static Map<Integer, Set<Integer>> rowsOf(Path file, String action) throws SQLException {
		Map<Integer, Set<String>> halves = new ConcurrentHashMap<>();
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
				Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT entity_id, details FROM audit_log WHERE action = '" + action + "'")) {
			while (rows.next()) {
				halves.computeIfAbsent(Integer.parseInt(rows.getString(1)), (w) -> new TreeSet<>())
					.add(rows.getString(2));
			}
		}
		Map<Integer, Set<Integer>> seqs = new ConcurrentHashMap<>();
		halves.forEach((writer, details) -> {
			Set<Integer> whole = new TreeSet<>();
			for (String d : details) {
				int seq = Integer.parseInt(d.substring(0, d.length() - 1));
				assertThat(details).as("writer %d seq %d", writer, seq).contains(seq + "a", seq + "b");
				whole.add(seq);
			}
			seqs.put(writer, whole);
		});
		return seqs;
	}

	/** Header and first page intact, every later page overwritten. */
	private static byte[] corrupt(byte[] good) {
		byte[] bad = good.clone();
		int pageSize = ((good[16] & 0xff) << 8) | (good[17] & 0xff);
		for (int i = pageSize; i < bad.length; i++) {
			bad[i] = (byte) (i * 31 + 7);
		}
		return bad;
	}

	private byte[] foreignDatabase() throws Exception {
		Path file = this.data.root().resolve("foreign-" + UUID.randomUUID() + ".db");
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)");
			statement.execute("INSERT INTO recipes (name) VALUES ('bread')");
		}
		return Files.readAllBytes(file);
	}

	private byte[] newerSchema(byte[] good) throws Exception {
		Path file = this.data.root().resolve("newer-" + UUID.randomUUID() + ".db");
		Files.write(file, good);
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
				Statement statement = connection.createStatement()) {
			statement.execute("""
					INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,
					  checksum, installed_by, execution_time, success)
					VALUES (999, '999', 'from the future', 'SQL', 'V999__future.sql', 0, 'test', 0, 1)""");
			statement.execute("PRAGMA journal_mode = DELETE");
		}
		return Files.readAllBytes(file);
	}

}
