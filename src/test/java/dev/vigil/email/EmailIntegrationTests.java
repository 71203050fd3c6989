package dev.vigil.email;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.vigil.support.SilentServer;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Email delivery through a real server and a real SMTP server (GreenMail, with login
 * required): preferences, delivery of chosen types only, the test mail, a refused login
 * and a silent server, each seen through the API. Its own data directory, so its job
 * server runs only its own jobs.
 */
@VigilIntegrationTest
@TestPropertySource(properties = { "vigil.storage.data-dir=target/test-data-email",
		"jobrunr.background-job-server.enabled=true", "vigil.email.tls=none", "vigil.email.from=vigil@vigil.test",
		"vigil.email.public-url=https://vigil.example/", "vigil.email.read-timeout=2s",
		"vigil.email.retry-backoff=500ms", "vigil.email.max-attempts=5" })
class EmailIntegrationTests {

	static final String CHANNELS = "/api/admin/profile/channels";

	static final String SMTP_LOGIN = "vigil";

	static final String SMTP_PASSWORD = "smtp-secret-42";

	static final int SMTP_PORT = freePort();

	static GreenMail smtp = startSmtp();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void smtp(DynamicPropertyRegistry registry) {
		registry.add("vigil.email.host", () -> "127.0.0.1");
		registry.add("vigil.email.port", () -> SMTP_PORT);
		registry.add("vigil.email.username", () -> SMTP_LOGIN);
		registry.add("vigil.email.password", () -> SMTP_PASSWORD);
	}

	@BeforeAll
	static void startSmtpAgain() {
		// A rerun of a failed test comes after @AfterAll stopped it.
		if (!smtp.isRunning()) {
			smtp = startSmtp();
		}
	}

	@AfterAll
	static void stopSmtp() {
		smtp.stop();
	}

	@Test
	void preferencesStartEmptyAndRejectUnknownTypes() {
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		String email = email(viewer);
		JsonNode channels = viewer.get(CHANNELS).assertStatus(200).json().get("email");
		assertThat(channels.get("available").asBoolean()).isTrue();
		assertThat(channels.get("address").asString()).isEqualTo(email);
		assertThat(channels.get("types")).isEmpty();
		assertThat(channels.get("all_types").valueStream().map(JsonNode::asString)).containsExactly("info", "success",
				"warning", "error");

		viewer.put(CHANNELS, Map.of("email", Map.of("types", List.of("error", "bogus"))))
			.assertProblem(400, "unknown notification type 'bogus': one of info, success, warning, error");
		viewer.put(CHANNELS, Map.of("other", 1)).assertStatus(422);
		viewer.put(CHANNELS, Map.of("email", Map.of())).assertStatus(422);
		viewer.get(CHANNELS + "/email/deliveries?limit=0").assertProblem(400, "limit must be between 1 and 100");

		JsonNode saved = viewer.put(CHANNELS, Map.of("email", Map.of("types", List.of("error", "warning", "error"))))
			.assertStatus(200)
			.json()
			.get("email");
		assertThat(saved.get("types").valueStream().map(JsonNode::asString)).containsExactly("warning", "error");
		assertThat(viewer.get(CHANNELS).json().get("email").get("types").valueStream().map(JsonNode::asString))
			.containsExactly("warning", "error");
	}

	@Test
	void aChosenTypeArrivesByEmailAndAnotherDoesNot() throws Exception {
		VigilClient admin = VigilClient.withNewAdmin(this.port, "viewer");
		String email = email(admin);
		admin.put(CHANNELS, Map.of("email", Map.of("types", List.of("error")))).assertStatus(200);
		VigilClient root = VigilClient.root(this.port);

		root.post("/api/admin/notifications/send",
				Map.of("admin_id", admin.adminId(), "type", "info", "title", "Just so you know", "message", "fyi"))
			.assertStatus(201);
		root.post("/api/admin/notifications/send", Map.of("admin_id", admin.adminId(), "type", "error", "title",
				"Disk full", "message", "/data is 100% used"))
			.assertStatus(201);

		await().atMost(Duration.ofSeconds(30)).until(() -> messagesTo(email).size() == 1);
		MimeMessage mail = messagesTo(email).get(0);
		assertThat(mail.getSubject()).isEqualTo("[Vigil] Disk full");
		assertThat(mail.getFrom()[0].toString()).isEqualTo("vigil@vigil.test");
		assertThat(mail.getContent().toString()).contains("/data is 100% used")
			.contains("Type: error")
			.contains("Open Vigil: https://vigil.example/admin/notifications");

		JsonNode deliveries = await().atMost(Duration.ofSeconds(10))
			.until(() -> admin.get(CHANNELS + "/email/deliveries").assertStatus(200).json(),
					(json) -> json.get("deliveries").get(0).get("status").asString().equals("sent"));
		assertThat(deliveries.get("total").asLong()).as("the info notification was not queued").isEqualTo(1);
		JsonNode delivery = deliveries.get("deliveries").get(0);
		assertThat(delivery.get("title").asString()).isEqualTo("Disk full");
		assertThat(delivery.get("type").asString()).isEqualTo("error");
		assertThat(delivery.get("address").asString()).isEqualTo(email);
		assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
		assertThat(delivery.get("last_error").isNull()).isTrue();
		assertThat(delivery.get("sent_at").asString()).isNotBlank();

		Thread.sleep(500);
		assertThat(messagesTo(email)).as("nothing for the unchosen info type").hasSize(1);
	}

	@Test
	void theTestMailGoesToTheCaller() throws Exception {
		VigilClient admin = VigilClient.withNewAdmin(this.port, "admin");
		String email = email(admin);
		JsonNode answer = admin.post(CHANNELS + "/email/test", null).assertStatus(200).json();
		assertThat(answer.get("ok").asBoolean()).isTrue();
		assertThat(answer.get("address").asString()).isEqualTo(email);
		List<MimeMessage> received = messagesTo(email);
		assertThat(received).hasSize(1);
		assertThat(received.get(0).getSubject()).isEqualTo("[Vigil] Test email");
	}

	@Test
	void aRefusedLoginIsAVisibleFailedDeliveryAndTheTestMailSaysWhy() {
		VigilClient admin = VigilClient.withNewAdmin(this.port, "admin");
		String email = email(admin);
		admin.put(CHANNELS, Map.of("email", Map.of("types", List.of("warning")))).assertStatus(200);
		setSmtpPassword("changed-on-the-server");
		try {
			VigilClient.root(this.port)
				.post("/api/admin/notifications/send",
						Map.of("admin_id", admin.adminId(), "type", "warning", "title", "Certificate expires soon"))
				.assertStatus(201);
			JsonNode delivery = await().atMost(Duration.ofSeconds(30))
				.until(() -> admin.get(CHANNELS + "/email/deliveries").json().get("deliveries").get(0),
						(d) -> !d.get("status").asString().equals("queued"));
			assertThat(delivery.get("status").asString()).isEqualTo("failed");
			assertThat(delivery.get("attempts").asInt()).as("a refused login is not retried").isEqualTo(1);
			assertThat(delivery.get("last_error").asString()).startsWith("SMTP login refused: 535")
				.doesNotContain(SMTP_PASSWORD);

			VigilClient.Response test = admin.post(CHANNELS + "/email/test", null);
			test.assertStatus(502);
			assertThat(test.header("Content-Type")).startsWith("application/problem+json");
			assertThat(test.json().get("error").asString())
				.startsWith("the test email was not sent: SMTP login refused: 535");
			assertThat(test.body()).doesNotContain(SMTP_PASSWORD).doesNotContain("Exception").doesNotContain("\tat ");
			assertThat(messagesTo(email)).isEmpty();
		}
		finally {
			setSmtpPassword(SMTP_PASSWORD);
		}
	}

	@Test
	void aSilentSmtpServerNeverDelaysSendingAndTheDeliveryIsRetried() throws Exception {
		VigilClient admin = VigilClient.withNewAdmin(this.port, "admin");
		String email = email(admin);
		admin.put(CHANNELS, Map.of("email", Map.of("types", List.of("success")))).assertStatus(200);
		VigilClient root = VigilClient.root(this.port);
		smtp.stop();
		SilentServer silent = SilentServer.listen(SMTP_PORT);
		try {
			long start = System.nanoTime();
			root.post("/api/admin/notifications/send",
					Map.of("admin_id", admin.adminId(), "type", "success", "title", "Backup done"))
				.assertStatus(201);
			// Waiting for SMTP would take at least the read timeout.
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the send does not wait for SMTP")
				.isLessThan(Duration.ofSeconds(2));

			JsonNode first = await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> admin.get(CHANNELS + "/email/deliveries").json().get("deliveries").get(0),
						(d) -> d.get("attempts").asInt() >= 1);
			assertThat(first.get("status").asString()).isEqualTo("queued");
			assertThat(first.get("last_error").asString()).containsIgnoringCase("timed out");
		}
		finally {
			silent.close();
			smtp = startSmtp();
		}
		JsonNode sent = await().atMost(Duration.ofSeconds(60))
			.until(() -> admin.get(CHANNELS + "/email/deliveries").json().get("deliveries").get(0),
					(d) -> !d.get("status").asString().equals("queued"));
		assertThat(sent.get("status").asString()).isEqualTo("sent");
		assertThat(sent.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
		assertThat(messagesTo(email)).hasSize(1);
	}

	private static String email(VigilClient client) {
		return client.get("/api/admin/profile").assertStatus(200).json().get("admin").get("email").asString();
	}

	private static List<MimeMessage> messagesTo(String email) {
		return Arrays.stream(smtp.getReceivedMessages()).filter((m) -> {
			try {
				Address[] to = m.getAllRecipients();
				return to != null && Arrays.stream(to).anyMatch((a) -> a.toString().equals(email));
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	private static void setSmtpPassword(String password) {
		GreenMailUser user = smtp.getUserManager().getUser(SMTP_LOGIN);
		if (user != null) {
			smtp.getUserManager().deleteUser(user);
		}
		smtp.setUser("vigil@vigil.test", SMTP_LOGIN, password);
	}

	private static GreenMail startSmtp() {
		GreenMail mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		mail.start();
		mail.getUserManager().setAuthRequired(true);
		mail.setUser("vigil@vigil.test", SMTP_LOGIN, SMTP_PASSWORD);
		return mail;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
