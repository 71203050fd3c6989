package dev.vigil.email;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A delivery waiting for its retry survives {@code kill -9}: the SMTP server is down at
 * the first attempt, Vigil is killed, the SMTP server comes up, and the restarted Vigil
 * (same data directory) sends the mail, once.
 */
class EmailRestartIntegrationTests {

	static final String DELIVERIES = "/api/admin/profile/channels/email/deliveries";

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	@Test
	void aRetryScheduledBeforeKill9HappensAfterTheRestart() throws Exception {
		Path dir = Path.of("target", "vigil-process", "email-" + UUID.randomUUID()).toAbsolutePath();
		Path data = dir.resolve("data");
		int port = VigilProcess.freePort();
		int smtpPort = VigilProcess.freePort();
		List<String> args = List.of("--vigil.email.host=127.0.0.1", "--vigil.email.port=" + smtpPort,
				"--vigil.email.tls=none", "--vigil.email.connect-timeout=1s", "--vigil.email.retry-backoff=5s");

		VigilProcess first = start(data, port, dir.resolve("first-run.out"), args);
		first.awaitHealthy(Duration.ofSeconds(120));
		VigilClient admin = VigilClient.withNewAdmin(port, "viewer");
		String email = admin.get("/api/admin/profile").json().get("admin").get("email").asString();
		admin.put("/api/admin/profile/channels", Map.of("email", Map.of("types", List.of("error")))).assertStatus(200);
		VigilClient.root(port)
			.post("/api/admin/notifications/send",
					Map.of("admin_id", admin.adminId(), "type", "error", "title", "Replica lagging"))
			.assertStatus(201);
		JsonNode waiting = await().atMost(Duration.ofSeconds(30))
			.until(() -> admin.get(DELIVERIES).json().get("deliveries").get(0), (d) -> d.get("attempts").asInt() == 1);
		assertThat(waiting.get("status").asString()).isEqualTo("queued");
		assertThat(waiting.get("last_error").asString()).contains("Connection refused");

		first.kill();
		GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		this.closeables.add(smtp::stop);
		VigilProcess second = start(data, port, dir.resolve("second-run.out"), args);
		second.awaitHealthy(Duration.ofSeconds(120));

		VigilClient again = VigilClient.loggedIn(port, email);
		JsonNode sent = await().atMost(Duration.ofSeconds(60))
			.until(() -> again.get(DELIVERIES).json().get("deliveries").get(0),
					(d) -> !d.get("status").asString().equals("queued"));
		assertThat(sent.get("status").asString()).isEqualTo("sent");
		assertThat(sent.get("attempts").asInt()).isEqualTo(2);
		assertThat(Arrays.stream(smtp.getReceivedMessages()).filter((m) -> {
			try {
				return m.getSubject().equals("[Vigil] Replica lagging");
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		})).hasSize(1);
	}

	private VigilProcess start(Path data, int port, Path out, List<String> args) {
		VigilProcess server = VigilProcess.start(data, port, out, args);
		this.closeables.add(server::close);
		return server;
	}

}
