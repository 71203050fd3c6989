package dev.vigil.logs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.FileAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server's own log file. Logging is one per JVM and configured by the first test
 * context that starts, so the file is taken from Logback's file appender rather than from
 * this context's data directory, which in some class orders is not the one being written.
 */
@VigilIntegrationTest
class LogFileIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	/** Asked once the context has started, so that logging is configured. */
	private static Path logFile() {
		FileAppender<?> appender = (FileAppender<?>) ((LoggerContext) LoggerFactory.getILoggerFactory())
			.getLogger(Logger.ROOT_LOGGER_NAME)
			.getAppender("FILE");
		Path file = Path.of(appender.getFile());
		assertThat(file.toString()).endsWith("/logs/vigil.log");
		return file;
	}

	@Test
	void everyLineIsOneJsonObjectAndRequestLinesCarryTheRequestId() throws Exception {
		Path logFile = logFile();
		VigilClient.Response failedLogin = new VigilClient(this.port).login("nobody@vigil.test", "wrong-password");
		String requestId = failedLogin.header("X-Request-ID");
		assertThat(requestId).isNotBlank();

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			List<JsonNode> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8)
				.stream()
				.map(JSON::readTree)
				.toList();
			for (JsonNode line : lines) {
				assertThat(line.get("time").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
				assertThat(line.get("level").asString()).isIn("debug", "info", "warn", "error");
				assertThat(line.has("msg")).isTrue();
				assertThat(line.has("logger")).isTrue();
				assertThat(line.has("thread")).isTrue();
			}
			List<JsonNode> ofRequest = lines.stream()
				.filter((line) -> line.has("request_id") && line.get("request_id").asString().equals(requestId))
				.toList();
			// The failed-login warning and the access-log line both belong to the
			// request.
			assertThat(ofRequest).extracting((line) -> line.get("msg").asString())
				.contains("admin login failed", "http request");
			JsonNode access = ofRequest.stream()
				.filter((l) -> l.get("msg").asString().equals("http request"))
				.findFirst()
				.get();
			assertThat(access.get("method").asString()).isEqualTo("POST");
			assertThat(access.get("path").asString()).isEqualTo("/api/admin/auth/login");
			assertThat(access.get("status").asInt()).isEqualTo(401);
			assertThat(access.has("duration_ms")).isTrue();
			assertThat(access.has("bytes")).isTrue();
			assertThat(access.get("remote").asString()).isEqualTo("127.0.0.1");
		});
	}

	@Test
	void generatedPasswordsAndTokensNeverReachTheLog() throws Exception {
		Path logFile = logFile();
		VigilClient root = VigilClient.root(this.port);
		String requestId = root.put("/api/admin/profile", Map.of("name", "Root")).header("X-Request-ID");
		// Read once the request's own line is there: an empty or foreign file would pass
		// vacuously.
		await().atMost(Duration.ofSeconds(5))
			.until(() -> Files.readString(logFile, StandardCharsets.UTF_8).contains("\"request_id\":\"" + requestId));
		String log = Files.readString(logFile, StandardCharsets.UTF_8);
		assertThat(log).doesNotContain(VigilClient.ROOT_PASSWORD)
			.doesNotContain(root.cookie("refresh_token"))
			.doesNotContain(root.cookie("access_token"));
	}

	/**
	 * Whatever is typed into the email field of a failed login (a password, when typed in
	 * the wrong field) stays out of the log, which every viewer reads; a failure on a
	 * real account names its id.
	 */
	@Test
	void failedLoginsDoNotLogTheEmailField() throws Exception {
		Path logFile = logFile();
		String typedInTheWrongField = "Hunter2-" + UUID.randomUUID();
		String unknown = new VigilClient(this.port).login(typedInTheWrongField, "x")
			.assertStatus(401)
			.header("X-Request-ID");
		long rootId = VigilClient.root(this.port).adminId();
		String wrongPassword = new VigilClient(this.port).login(VigilClient.ROOT_EMAIL, "not-the-password")
			.assertStatus(401)
			.header("X-Request-ID");
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			List<JsonNode> failures = Files.readAllLines(logFile, StandardCharsets.UTF_8)
				.stream()
				.map(JSON::readTree)
				.filter((line) -> line.get("msg").asString().equals("admin login failed"))
				.filter((line) -> List.of(unknown, wrongPassword).contains(line.path("request_id").asString()))
				.toList();
			assertThat(failures).hasSize(2);
			assertThat(failures.toString()).doesNotContain(typedInTheWrongField).doesNotContain(VigilClient.ROOT_EMAIL);
			JsonNode onRoot = failures.stream()
				.filter((line) -> line.get("request_id").asString().equals(wrongPassword))
				.findFirst()
				.orElseThrow();
			assertThat(onRoot.get("admin_id").asLong()).isEqualTo(rootId);
		});
	}

}
