package dev.vigil.audit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vigil.VigilApplication;
import dev.vigil.support.SyslogReceiver;
import dev.vigil.support.VigilClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Debian's rsyslog as the receiver (imtcp on a loopback port, writing RFC 5424 lines to a
 * file): it parses every audit entry Vigil sends, and after an outage gets the entries
 * written meanwhile, each once. Skipped when rsyslogd is not installed ({@code .ci/run}
 * installs it).
 */
class RsyslogIntegrationTests {

	private static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration WAIT = Duration.ofSeconds(30);

	@TempDir
	Path dir;

	private int port;

	private Process rsyslog;

	private ConfigurableApplicationContext vigil;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.vigil != null) {
			this.vigil.close();
		}
		stopRsyslog();
	}

	@Test
	void rsyslogReceivesEveryEntryAndAfterAnOutageTheRestOnce() throws Exception {
		assumeThat(Files.isExecutable(RSYSLOGD)).as("rsyslogd is not installed: skipping the rsyslog test").isTrue();
		try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			this.port = free.getLocalPort();
		}
		startRsyslog();
		int vigilPort = startVigil();
		VigilClient root = VigilClient.root(vigilPort);
		new VigilClient(vigilPort).login(VigilClient.ROOT_EMAIL, "wrong-password").assertStatus(401);
		root.addAdmin("viewer");
		awaitAllReceived(root);

		stopRsyslog();
		root.addAdmin("viewer");
		new VigilClient(vigilPort).login(VigilClient.ROOT_EMAIL, "wrong-password").assertStatus(401);
		startRsyslog();
		awaitAllReceived(root);
	}

	/** Every entry of the REST audit API is in rsyslog's file, once, with its fields. */
	private void awaitAllReceived(VigilClient root) {
		await().atMost(WAIT).untilAsserted(() -> {
			List<JsonNode> entries = root.get("/api/admin/audit?limit=100")
				.json()
				.get("entries")
				.valueStream()
				.toList();
			List<SyslogReceiver.Message> lines = Files.readAllLines(this.dir.resolve("out.log"))
				.stream()
				.map(SyslogReceiver::parse)
				.toList();
			assertThat(lines).extracting((m) -> m.param(SyslogMessages.SD_ID, "id")).doesNotHaveDuplicates();
			Map<String, SyslogReceiver.Message> byId = lines.stream()
				.collect(Collectors.toMap((m) -> m.param(SyslogMessages.SD_ID, "id"), (m) -> m));
			assertThat(byId).hasSameSizeAs(entries);
			for (JsonNode entry : entries) {
				SyslogReceiver.Message message = byId.get(entry.get("id").asString());
				assertThat(message).as("entry %s", entry).isNotNull();
				assertThat(message.msgId()).isEqualTo(entry.get("action").asString());
				assertThat(message.appName()).isEqualTo("vigil");
				assertThat(JSON.readTree(message.msg())).isEqualTo(entry);
			}
		});
	}

	private void startRsyslog() throws IOException {
		Path config = this.dir.resolve("rsyslog.conf");
		Files.writeString(config, """
				global(workDirectory="%1$s")
				module(load="imtcp")
				input(type="imtcp" port="%2$d" address="127.0.0.1")
				*.* action(type="omfile" file="%1$s/out.log" template="RSYSLOG_SyslogProtocol23Format")
				""".formatted(this.dir, this.port));
		this.rsyslog = new ProcessBuilder(RSYSLOGD.toString(), "-n", "-f", config.toString(), "-i",
				this.dir.resolve("rsyslogd.pid").toString())
			.redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("rsyslogd.out").toFile())
			.start();
		await().atMost(WAIT).ignoreExceptions().until(() -> {
			try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
				return true;
			}
		});
	}

	private void stopRsyslog() throws InterruptedException {
		if (this.rsyslog != null) {
			this.rsyslog.destroy();
			this.rsyslog.waitFor();
			this.rsyslog = null;
		}
	}

	private int startVigil() {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--vigil.storage.data-dir=" + this.dir,
				"--vigil.admins.bootstrap-email=" + VigilClient.ROOT_EMAIL,
				"--vigil.admins.bootstrap-password=" + VigilClient.ROOT_PASSWORD,
				"--jobrunr.background-job-server.enabled=false", "--vigil.audit.syslog.host=127.0.0.1",
				"--vigil.audit.syslog.port=" + this.port, "--vigil.audit.retry-min=100ms",
				"--vigil.audit.retry-max=500ms"));
		this.vigil = new SpringApplicationBuilder(VigilApplication.class).run(arguments.toArray(String[]::new));
		return ((WebServerApplicationContext) this.vigil).getWebServer().getPort();
	}

}
