package dev.vigil.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vigil.VigilApplication;
import dev.vigil.support.SyslogReceiver;
import dev.vigil.support.VigilClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The audit log leaves the box: every entry reaches a real syslog receiver (octet-counted
 * RFC 5424 over TCP) and a JSON lines file, exactly once, across a receiver outage and a
 * restart of Vigil on the same data directory.
 */
class AuditExportIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration WAIT = Duration.ofSeconds(30);

	@TempDir
	Path data;

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final List<SyslogReceiver> receivers = new ArrayList<>();

	@AfterEach
	void stop() throws IOException {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		for (SyslogReceiver receiver : this.receivers) {
			receiver.close();
		}
	}

	@Test
	void everyEntryOfASignInAndAMutationArrivesWithItsFields() throws IOException {
		SyslogReceiver receiver = receiver();
		int port = start(receiver);
		VigilClient root = VigilClient.root(port);
		long rootId = root.adminId();
		new VigilClient(port).login(VigilClient.ROOT_EMAIL, "not-the-password").assertStatus(401);
		new VigilClient(port).login("nobody-typed-this@vigil.test", "secret-typed-here").assertStatus(401);
		root.addAdmin("viewer");

		List<JsonNode> entries = auditEntries(root);
		assertThat(entries).extracting((e) -> e.get("action").asString())
			.contains("auth.login", "auth.login_failed", "admin.create");
		await().atMost(WAIT).until(() -> receiver.auditIds().size() >= entries.size());
		Map<Long, SyslogReceiver.Message> received = receiver.messages()
			.stream()
			.collect(Collectors.toMap((m) -> Long.valueOf(m.param(SyslogMessages.SD_ID, "id")), (m) -> m));
		assertThat(receiver.auditIds()).doesNotHaveDuplicates();
		for (JsonNode entry : entries) {
			SyslogReceiver.Message message = received.get(entry.get("id").asLong());
			assertThat(message).as("entry %s", entry).isNotNull();
			String action = entry.get("action").asString();
			assertThat(message.msgId()).isEqualTo(action);
			assertThat(message.appName()).isEqualTo("vigil");
			assertThat(message.priority() / 8).as("facility authpriv").isEqualTo(10);
			assertThat(message.priority() % 8).isEqualTo(action.endsWith("_failed") ? 4 : 5);
			assertThat(message.param(SyslogMessages.SD_ID, "action")).isEqualTo(action);
			assertThat(message.param(SyslogMessages.SD_ID, "ip")).isEqualTo(entry.get("ip").asString());
			assertThat(message.param(SyslogMessages.SD_ID, "admin_id"))
				.isEqualTo(entry.get("admin_id").isNull() ? null : entry.get("admin_id").asString());
			// MSG is the entry exactly as the REST audit API lists it.
			assertThat(JSON.readTree(message.msg())).isEqualTo(entry);
		}
		List<JsonNode> failures = entries.stream()
			.filter((e) -> e.get("action").asString().equals("auth.login_failed"))
			.toList();
		assertThat(failures).hasSize(2);
		assertThat(failures).anySatisfy((f) -> {
			assertThat(f.get("admin_id").asLong()).isEqualTo(rootId);
			assertThat(f.get("details").asString()).isEqualTo("reason=wrong password method=password");
		});
		assertThat(failures).anySatisfy((f) -> {
			assertThat(f.get("admin_id").isNull()).isTrue();
			assertThat(f.get("details").asString()).isEqualTo("reason=unknown account method=password");
		});
		assertThat(receiver.messages()).allSatisfy((m) -> assertThat(m.toString()).doesNotContain("nobody-typed-this")
			.doesNotContain("secret-typed-here")
			.doesNotContain("not-the-password"));
		// The file sink holds the same entries, one JSON object per line.
		await().atMost(WAIT).until(() -> fileLines().size() >= entries.size());
		assertThat(fileLines()).containsExactlyInAnyOrderElementsOf(entries);

		JsonNode sinks = root.get("/api/admin/audit/sinks").assertStatus(200).json().get("sinks");
		assertThat(sinks.valueStream().map((s) -> s.get("name").asString())).containsExactly("syslog", "file");
		JsonNode syslog = sinks.get(0);
		assertThat(syslog.get("target").asString()).isEqualTo("tcp://127.0.0.1:" + receiver.port());
		assertThat(syslog.get("connected").asBoolean()).isTrue();
		assertThat(syslog.get("position").asLong()).isGreaterThanOrEqualTo(entries.get(0).get("id").asLong());
		assertThat(new VigilClient(port).get("/api/admin/audit/sinks").status()).isEqualTo(401);
		assertThat(root.get("/actuator/prometheus").body())
			.containsPattern("vigil_audit_export_lag\\{.*sink=\"syslog\"")
			.containsPattern("vigil_audit_export_lag\\{.*sink=\"file\"");
	}

	@Test
	void keyUseIsAuditedOncePerKeyAndAddressAnHour() {
		SyslogReceiver receiver = receiver();
		int port = start(receiver);
		VigilClient root = VigilClient.root(port);
		String secret = root
			.post("/api/admin/api-keys", Map.of("name", "exporter", "scopes", List.of("dashboard:read")))
			.assertStatus(201)
			.json()
			.get("secret")
			.asString();
		VigilClient machine = new VigilClient(port);
		for (int i = 0; i < 3; i++) {
			machine.send("GET", "/api/v1/dashboard", null, Map.of("Authorization", "Bearer " + secret))
				.assertStatus(200);
		}
		List<JsonNode> used = auditEntries(root).stream()
			.filter((e) -> e.get("action").asString().equals("api_key.used"))
			.toList();
		assertThat(used).hasSize(1);
		assertThat(used.get(0).get("admin_id").asLong()).isEqualTo(root.adminId());
		assertThat(used.get(0).get("details").asString()).startsWith("exporter (vgl_").doesNotContain(secret);
		long id = used.get(0).get("id").asLong();
		await().atMost(WAIT).until(() -> receiver.auditIds().contains(id));
	}

	@Test
	void entriesWrittenWhileTheReceiverIsDownArriveOnceWhenItIsBackAndAfterARestart() throws IOException {
		SyslogReceiver receiver = receiver();
		int port = start(receiver);
		VigilClient root = VigilClient.root(port);
		awaitDelivered(receiver, root);

		receiver.stop();
		for (int i = 0; i < 3; i++) {
			root.addAdmin("viewer");
			new VigilClient(port).login(VigilClient.ROOT_EMAIL, "wrong-password").assertStatus(401);
		}
		await().atMost(WAIT).untilAsserted(() -> {
			JsonNode syslog = root.get("/api/admin/audit/sinks").json().get("sinks").get(0);
			assertThat(syslog.get("connected").asBoolean()).isFalse();
			assertThat(syslog.get("behind").asLong()).isGreaterThanOrEqualTo(6);
			assertThat(syslog.get("last_error").isNull()).isFalse();
			assertThat(syslog.get("last_error_at").isNull()).isFalse();
		});
		receiver.restart();
		awaitDelivered(receiver, root);

		// Down again, entries pending, and Vigil stops: the next Vigil on the same data
		// directory delivers them, and nothing twice.
		receiver.stop();
		root.addAdmin("viewer");
		root.addAdmin("admin");
		this.contexts.remove(0).close();
		receiver.restart();
		int again = start(receiver);
		VigilClient rootAgain = VigilClient.root(again);
		rootAgain.addAdmin("viewer");
		awaitDelivered(receiver, rootAgain);
		List<Long> fileIds = fileLines().stream().map((e) -> e.get("id").asLong()).toList();
		assertThat(fileIds).isSorted().doesNotHaveDuplicates().containsExactlyElementsOf(ids(rootAgain));
	}

	@Test
	void aCrashBetweenAWrittenLineAndItsPositionRepeatsNothing() throws IOException {
		SyslogReceiver receiver = receiver();
		int port = start(receiver);
		VigilClient root = VigilClient.root(port);
		awaitDelivered(receiver, root);
		await().atMost(WAIT).until(() -> fileLines().size() == ids(root).size());
		this.contexts.remove(0).close();
		// As if the last batch was written but its position was not stored, and a crash
		// cut
		// a next line short.
		List<String> lines = Files.readAllLines(this.data.resolve("audit.jsonl"));
		JsonNode last = JSON.readTree(lines.get(lines.size() - 1));
		SQLiteDataSource sqlite = new SQLiteDataSource();
		sqlite.setUrl("jdbc:sqlite:" + this.data.resolve("vigil.db"));
		try (var connection = sqlite.getConnection(); var statement = connection.createStatement()) {
			statement.executeUpdate("UPDATE audit_export_positions SET last_id = " + (last.get("id").asLong() - 1)
					+ " WHERE sink = 'file'");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		Files.writeString(this.data.resolve("audit.jsonl"), "{\"id\":99999,\"act", StandardOpenOption.APPEND);
		int again = start(receiver);
		VigilClient rootAgain = VigilClient.root(again);
		await().atMost(WAIT).until(() -> fileLines().size() == ids(rootAgain).size());
		assertThat(fileLines().stream().map((e) -> e.get("id").asLong()).toList()).isSorted()
			.doesNotHaveDuplicates()
			.containsExactlyElementsOf(ids(rootAgain));
	}

	@Test
	void overTlsTheReceiverMustBeTrustedAndThenGetsEveryEntry() throws Exception {
		Path keyStore = this.data.resolve("receiver.p12");
		Path certificate = this.data.resolve("receiver.pem");
		keytool("-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=syslog receiver", "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
				keyStore.toString(), "-storepass", "changeit", "-keypass", "changeit");
		keytool("-exportcert", "-rfc", "-alias", "receiver", "-keystore", keyStore.toString(), "-storepass", "changeit",
				"-file", certificate.toString());
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (var in = Files.newInputStream(keyStore)) {
			keys.load(in, "changeit".toCharArray());
		}
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keys, "changeit".toCharArray());
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(keyManagers.getKeyManagers(), null, null);
		SyslogReceiver receiver = SyslogReceiver.start(tls.getServerSocketFactory());
		this.receivers.add(receiver);

		// The JVM's CAs do not know a self-signed certificate: nothing is sent.
		int port = start(receiver, "vigil.audit.syslog.tls=true");
		VigilClient root = VigilClient.root(port);
		await().atMost(WAIT).untilAsserted(() -> {
			JsonNode syslog = root.get("/api/admin/audit/sinks").json().get("sinks").get(0);
			assertThat(syslog.get("target").asString()).isEqualTo("tcp+tls://127.0.0.1:" + receiver.port());
			assertThat(syslog.get("last_error").asString()).containsIgnoringCase("certification path");
			assertThat(syslog.get("position").asLong()).isZero();
		});
		assertThat(receiver.messages()).isEmpty();
		this.contexts.remove(0).close();

		int again = start(receiver, "vigil.audit.syslog.tls=true", "vigil.audit.syslog.ssl-bundle=syslog",
				"spring.ssl.bundle.pem.syslog.truststore.certificate=file:" + certificate);
		VigilClient rootAgain = VigilClient.root(again);
		rootAgain.addAdmin("viewer");
		awaitDelivered(receiver, rootAgain);
		JsonNode syslog = rootAgain.get("/api/admin/audit/sinks").json().get("sinks").get(0);
		assertThat(syslog.get("connected").asBoolean()).isTrue();
	}

	@Test
	void afterARestoreNewEntriesNeverReuseAnExportedIdAndNothingIsSentTwice() {
		SyslogReceiver receiver = receiver();
		int port = start(receiver);
		VigilClient root = VigilClient.root(port);
		String backup = root.post("/api/admin/backups", null)
			.assertStatus(201)
			.json()
			.get("backup")
			.get("name")
			.asString();
		root.addAdmin("viewer");
		root.addAdmin("viewer");
		awaitDelivered(receiver, root);
		long highestBefore = receiver.auditIds().stream().mapToLong(Long::longValue).max().orElseThrow();

		root.post("/api/admin/backups/" + backup + "/restore", null).assertStatus(200);
		VigilClient rootAgain = VigilClient.root(port);
		rootAgain.addAdmin("admin");
		List<JsonNode> after = auditEntries(rootAgain).stream()
			.filter((e) -> e.get("id").asLong() > highestBefore)
			.toList();
		assertThat(after).extracting((e) -> e.get("action").asString())
			.contains("backup.restore", "auth.login", "admin.create");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(receiver.auditIds())
				.containsAll(after.stream().map((e) -> e.get("id").asLong()).toList()));
		assertThat(receiver.auditIds()).doesNotHaveDuplicates();
	}

	private static void keytool(String... arguments) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as(output).isZero();
	}

	private void awaitDelivered(SyslogReceiver receiver, VigilClient root) {
		await().atMost(WAIT).untilAsserted(() -> {
			List<Long> expected = ids(root);
			assertThat(receiver.auditIds()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
		});
	}

	/** Every audit id, ascending, from the REST audit API. */
	private static List<Long> ids(VigilClient root) {
		List<JsonNode> entries = auditEntries(root);
		return entries.stream().map((e) -> e.get("id").asLong()).sorted().toList();
	}

	private static List<JsonNode> auditEntries(VigilClient root) {
		return root.get("/api/admin/audit?limit=100").assertStatus(200).json().get("entries").valueStream().toList();
	}

	private List<JsonNode> fileLines() throws IOException {
		Path file = this.data.resolve("audit.jsonl");
		if (!Files.exists(file)) {
			return List.of();
		}
		return Files.readAllLines(file).stream().map(JSON::readTree).toList();
	}

	private SyslogReceiver receiver() {
		try {
			SyslogReceiver receiver = SyslogReceiver.start();
			this.receivers.add(receiver);
			return receiver;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A Vigil on the test's data directory exporting to the receiver and the file. */
	private int start(SyslogReceiver receiver, String... more) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("server.port", "0");
		properties.put("vigil.storage.data-dir", this.data.toString());
		properties.put("vigil.admins.bootstrap-email", VigilClient.ROOT_EMAIL);
		properties.put("vigil.admins.bootstrap-password", VigilClient.ROOT_PASSWORD);
		properties.put("jobrunr.background-job-server.enabled", "false");
		properties.put("vigil.audit.syslog.host", "127.0.0.1");
		properties.put("vigil.audit.syslog.port", Integer.toString(receiver.port()));
		properties.put("vigil.audit.file.path", this.data.resolve("audit.jsonl").toString());
		properties.put("vigil.audit.retry-min", "100ms");
		properties.put("vigil.audit.retry-max", "500ms");
		for (String property : more) {
			String[] pair = property.split("=", 2);
			properties.put(pair[0], pair[1]);
		}
		// As arguments: default properties would lose to application.yaml's.
		ConfigurableApplicationContext context = new SpringApplicationBuilder(VigilApplication.class)
			.run(properties.entrySet()
				.stream()
				.map((p) -> "--" + p.getKey() + "=" + p.getValue())
				.toArray(String[]::new));
		this.contexts.add(context);
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
